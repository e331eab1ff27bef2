package io.replicationlab.totalorder;

import io.replicationlab.peers.PartitionTable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: whether the broker answers, whether the topic has its one partition, and
 * how far this replica's consumer lags behind. DOWN says why total-order writes are durable but not ordered; the
 * liveness and readiness groups leave it out on purpose, since the replica keeps serving every mode without Kafka.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final KafkaLink link;

	private final TotalOrderMode mode;

	private final PartitionTable partitions;

	KafkaHealthIndicator(KafkaLink link, TotalOrderMode mode, PartitionTable partitions) {
		super("Kafka health check failed");
		this.link = link;
		this.mode = mode;
		this.partitions = partitions;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		KafkaLink.Status status = this.link.status();
		if (this.link.usable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("link", status.state().name())
			.withDetail("detail", status.detail())
			.withDetail("reachesKafka", this.partitions.reachesKafka());
		if (status.since() != null) {
			builder.withDetail("since", status.since().toString());
		}
		this.mode.position().forEach(builder::withDetail);
	}

}
