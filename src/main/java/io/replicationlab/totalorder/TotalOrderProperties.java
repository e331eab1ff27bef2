package io.replicationlab.totalorder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the {@code total-order} mode; the brokers come from
 * {@code spring.kafka.bootstrap-servers}.
 *
 * @param topic the single-partition topic every replica publishes to and consumes
 * ({@code TOTALORDER_TOPIC})
 * @param replicationFactor the topic's replication factor when this replica creates it
 * ({@code TOTALORDER_REPLICATION_FACTOR}; 1 in the lab, 3 on a real cluster)
 * @param awaitTimeout how long a write waits for the level it awaits before answering 202
 * @param relayBatchSize how many outbox rows the relay publishes at a time
 * @param pollTimeout how long the consumer's poll (and every idle wait) lasts
 * @param checkInterval how often the broker and the topic are checked
 * @param startupCheckTimeout how long the check at startup may take before the replica
 * starts without the broker
 * @param requestTimeout the Kafka clients' request timeout; a publish gives up after
 * three of them
 */
@ConfigurationProperties("totalorder")
record TotalOrderProperties(@DefaultValue("replication-log") String topic, @DefaultValue("1") short replicationFactor,
		@DefaultValue("5s") Duration awaitTimeout, @DefaultValue("200") int relayBatchSize,
		@DefaultValue("200ms") Duration pollTimeout, @DefaultValue("2s") Duration checkInterval,
		@DefaultValue("5s") Duration startupCheckTimeout, @DefaultValue("5s") Duration requestTimeout) {

	public TotalOrderProperties {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("totalorder.topic must not be blank");
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException("totalorder.replication-factor must be at least 1");
		}
		if (relayBatchSize < 1) {
			throw new IllegalArgumentException("totalorder.relay-batch-size must be at least 1");
		}
	}

}
