package io.replicationlab.totalorder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One look at the topic through an admin client, for {@link KafkaLink}'s check: the
 * cluster, the topic's description (the topic is created first when it is missing and
 * this replica has never consumed it), its partition count, whether it is the log this
 * replica's position belongs to ({@link LogGuard}), and its retention.
 * <p>
 * It holds none of the link's state and changes none: it says what it {@link Finding
 * found}, and the link decides what that makes it. A broker that does not answer is an
 * exception, as the admin client throws it.
 */
final class TopicInspection {

	private static final Logger log = LoggerFactory.getLogger(TopicInspection.class);

	private final TotalOrderProperties properties;

	private final TotalOrderBook book;

	TopicInspection(TotalOrderProperties properties, TotalOrderBook book) {
		this.properties = properties;
		this.book = book;
	}

	/**
	 * What one inspection found: a state of the link ({@code REACHABLE},
	 * {@code BAD_TOPIC} or {@code HALTED}) with why, and what it learnt on the way (null
	 * where it did not get that far).
	 */
	record Finding(KafkaLink.State state, String detail, Integer partitions, LogIdentity identity,
			Optional<String> finiteRetention) {

		static Finding halted(String reason, Integer partitions) {
			return new Finding(KafkaLink.State.HALTED, reason, partitions, null, Optional.empty());
		}

	}

	Finding inspect(Admin admin, Duration timeout) throws Exception {
		String topic = this.properties.topic();
		String clusterId = admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		boolean consumed = this.book.hasPosition();
		Optional<LogIdentity> stored = this.book.identity();
		boolean created = false;
		TopicDescription description;
		try {
			description = describe(admin, topic, timeout);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
				throw ex;
			}
			if (consumed) {
				return Finding.halted(LogGuard.topicGone(topic, this.book.nextOffset(), stored), null);
			}
			createTopic(admin, timeout);
			created = true;
			description = describe(admin, topic, timeout);
		}
		int partitions = description.partitions().size();
		if (partitions != 1) {
			return new Finding(KafkaLink.State.BAD_TOPIC, "Topic '" + topic + "' has " + partitions
					+ " partitions, but total order needs exactly one partition (Kafka orders records only within a "
					+ "partition). Delete the topic so that it is created with one partition, or set totalorder.topic "
					+ "to a topic with one partition.", partitions, null, Optional.empty());
		}
		LogIdentity actual = new LogIdentity(clusterId, description.topicId().toString());
		Optional<String> mismatch = LogGuard.identity(topic, stored, actual);
		if (mismatch.isEmpty() && consumed) {
			mismatch = LogGuard.position(admin, topic, this.book.nextOffset(), timeout);
		}
		if (mismatch.isPresent()) {
			return Finding.halted(mismatch.get(), partitions);
		}
		String detail = (created ? "created topic '" + topic + "' with one partition ("
				: "topic '" + topic + "' has one partition (") + actual + ")";
		return new Finding(KafkaLink.State.REACHABLE, detail, partitions, actual,
				LogGuard.finiteRetention(admin, topic, timeout));
	}

	private static TopicDescription describe(Admin admin, String topic, Duration timeout) throws Exception {
		return admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.get(topic);
	}

	private void createTopic(Admin admin, Duration timeout) throws Exception {
		short replicationFactor = this.properties.replicationFactor();
		Map<String, String> configs = new HashMap<>(
				Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
		if (replicationFactor >= 3) {
			// an acknowledged publish survives the loss of a broker; with fewer copies
			// there is nothing to ask for
			configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
		}
		try {
			admin.createTopics(List.of(new NewTopic(this.properties.topic(), 1, replicationFactor).configs(configs)))
				.all()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			log.info("Created topic '{}' with one partition, replication factor {} and {}", this.properties.topic(),
					replicationFactor, configs);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
			// another replica created it meanwhile; its partition count is checked on the
			// next round
		}
	}

}
