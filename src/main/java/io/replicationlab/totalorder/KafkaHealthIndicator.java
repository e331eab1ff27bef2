package io.replicationlab.totalorder;

import io.replicationlab.peers.PartitionTable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: whether the broker answers
 * ({@code brokerReachable}), whether the topic has its one partition
 * ({@code topicPartitions}, as last described), whether the relay and the consumer work
 * (for example a consumer whose stored position is no longer in the topic), and how far
 * this replica's consumer lags behind.
 * <p>
 * When Kafka cannot be used the status is {@link #DEGRADED}, not DOWN: the replica keeps
 * serving every mode, and total-order writes are durable but not ordered until Kafka is
 * back, which is what the details say. DEGRADED answers HTTP 200 (see
 * {@code management.endpoint.health.status} in {@code application.yml}), and the liveness
 * and readiness groups leave this component out, so Kubernetes neither restarts nor
 * unroutes a replica that waits for Kafka.
 * <p>
 * When the log is not the one this replica's position belongs to (topic deleted or
 * recreated, another cluster, records lost or deleted before being applied) the status is
 * {@link #HALTED}, with the reason in {@code halted}: nothing is applied until an
 * operator acts (docs/modes.md, Total order). HALTED also answers HTTP 200: the replica
 * serves every mode, and restarting it would not help.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Kafka cannot be used now: total-order writes are durable, and will be ordered once
	 * it can.
	 */
	static final Status DEGRADED = new Status("DEGRADED", "total-order writes are durable but not ordered");

	/**
	 * Total order stopped applying: the log is not the one this replica's position
	 * belongs to.
	 */
	static final Status HALTED = new Status("HALTED", "total order halted: the log is not the one this replica read");

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
		if (status.state() == KafkaLink.State.HALTED) {
			builder.status(HALTED);
		}
		else if (this.link.usable() && relayFailure == null && consumerFailure == null) {
			builder.up();
		}
		else {
			builder.status(DEGRADED);
		}
		boolean brokerAnswers = status.state() == KafkaLink.State.REACHABLE
				|| status.state() == KafkaLink.State.BAD_TOPIC || status.state() == KafkaLink.State.HALTED;
		builder.withDetail("link", status.state().name())
			.withDetail("detail", status.detail())
			.withDetail("brokerReachable", brokerAnswers)
			.withDetail("reachesKafka", this.partitions.reachesKafka())
			.withDetail("relay", (relayFailure != null) ? relayFailure : "ok")
			.withDetail("consumer", (consumerFailure != null) ? consumerFailure : "ok");
		if (status.since() != null) {
			builder.withDetail("since", status.since().toString());
		}
		this.link.halted().ifPresent((reason) -> builder.withDetail("halted", reason));
		this.link.identity()
			.ifPresent((identity) -> builder.withDetail("clusterId", identity.clusterId())
				.withDetail("topicId", identity.topicId()));
		this.link.finiteRetention().ifPresent((retention) -> builder.withDetail("finiteRetention", retention));
		this.link.topicPartitions().ifPresent((count) -> builder.withDetail("topicPartitions", count));
		this.mode.position().forEach(builder::withDetail);
	}

}
