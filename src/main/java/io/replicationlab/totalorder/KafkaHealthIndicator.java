package io.replicationlab.totalorder;

import io.replicationlab.peers.PartitionTable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: whether the broker answers ({@code brokerReachable}), whether the topic
 * has its one partition ({@code topicPartitions}, as last described),
 * whether the relay and the consumer work (for example a consumer whose stored position is no longer in the topic),
 * and how far this replica's consumer lags behind.
 * <p>
 * When Kafka cannot be used the status is {@link #DEGRADED}, not DOWN: the replica keeps serving every mode, and
 * total-order writes are durable but not ordered until Kafka is back, which is what the details say. DEGRADED answers
 * HTTP 200 (see {@code management.endpoint.health.status} in {@code application.yml}), and the liveness and readiness
 * groups leave this component out, so Kubernetes neither restarts nor unroutes a replica that waits for Kafka.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	/** Kafka cannot be used now: total-order writes are durable, and will be ordered once it can. */
	static final Status DEGRADED = new Status("DEGRADED", "total-order writes are durable but not ordered");

	private final KafkaLink link;

	private final TotalOrderMode mode;

	private final PartitionTable partitions;

	private final Relay relay;

	private final OrderedConsumer consumer;

	KafkaHealthIndicator(KafkaLink link, TotalOrderMode mode, PartitionTable partitions, Relay relay,
			OrderedConsumer consumer) {
		super("Kafka health check failed");
		this.link = link;
		this.mode = mode;
		this.partitions = partitions;
		this.relay = relay;
		this.consumer = consumer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaLink.Status status = this.link.status();
		String relayFailure = this.relay.failure();
		String consumerFailure = this.consumer.failure();
		if (this.link.usable() && relayFailure == null && consumerFailure == null) {
			builder.up();
		}
		else {
			builder.status(DEGRADED);
		}
		boolean brokerAnswers = status.state() == KafkaLink.State.REACHABLE
				|| status.state() == KafkaLink.State.BAD_TOPIC;
		builder.withDetail("link", status.state().name())
			.withDetail("detail", status.detail())
			.withDetail("brokerReachable", brokerAnswers)
			.withDetail("reachesKafka", this.partitions.reachesKafka())
			.withDetail("relay", (relayFailure != null) ? relayFailure : "ok")
			.withDetail("consumer", (consumerFailure != null) ? consumerFailure : "ok");
		if (status.since() != null) {
			builder.withDetail("since", status.since().toString());
		}
		this.link.topicPartitions().ifPresent((count) -> builder.withDetail("topicPartitions", count));
		this.mode.position().forEach(builder::withDetail);
	}

}
