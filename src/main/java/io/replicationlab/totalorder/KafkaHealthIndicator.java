package io.replicationlab.totalorder;

import io.replicationlab.peers.PartitionTable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: whether the broker answers ({@code brokerReachable}), whether the topic
 * has its one partition ({@code topicPartitions}, as last described),
 * whether the relay and the consumer work (for example a consumer whose stored position is no longer in the topic),
 * and how far this replica's consumer lags behind. DOWN says why total-order writes are durable but not ordered; the
 * liveness and readiness groups leave it out on purpose, since the replica keeps serving every mode without Kafka.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

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
			builder.down();
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
