package io.replicationlab.totalorder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The checks that keep a replica from applying a log it does not recognise: the log's
 * identity against the one stored with the position, and the stored position against the
 * log's start and end. Each answers why the replica must halt, or empty when it may go
 * on.
 */
final class LogGuard {

	private LogGuard() {
	}

	/** The topic is gone while this replica holds a position in it. */
	static String topicGone(String topic, long nextOffset, Optional<LogIdentity> stored) {
		return "Topic '" + topic + "' does not exist, but this replica consumed it up to offset " + nextOffset
				+ stored.map((identity) -> " (" + identity + ")").orElse("")
				+ ": it was deleted, or the broker lost its log. This replica does not create it again, and applies "
				+ "nothing until an operator restores the log or moves the replicas to a new topic (docs/modes.md, Total "
				+ "order). Writes stay durable.";
	}

	/** A topic or cluster that is not the one this replica's position was read from. */
	static Optional<String> identity(String topic, Optional<LogIdentity> stored, LogIdentity actual) {
		if (stored.isEmpty() || stored.get().equals(actual)) {
			return Optional.empty();
		}
		String what = stored.get().clusterId().equals(actual.clusterId())
				? "was deleted and created again (its topic id changed)" : "is on another Kafka cluster";
		return Optional.of("Topic '" + topic + "' " + what + ": this replica's position belongs to " + stored.get()
				+ ", the broker now serves " + actual + ". Its offsets mean nothing in this log, so this replica "
				+ "applies nothing from it until an operator restores the log or moves the replicas to a new topic "
				+ "(docs/modes.md, Total order). Writes stay durable.");
	}

	/**
	 * A stored position outside [log start, log end]: records were deleted before being
	 * applied, or lost.
	 */
	static Optional<String> position(Admin admin, String topic, long nextOffset, Duration timeout) throws Exception {
		TopicPartition partition = new TopicPartition(topic, 0);
		long start = offset(admin, partition, OffsetSpec.earliest(), timeout);
		long end = offset(admin, partition, OffsetSpec.latest(), timeout);
		if (nextOffset < start) {
			return Optional.of("Topic '" + topic + "' now starts at offset " + start + ", but this replica has "
					+ "applied only up to offset " + nextOffset + ": records it never applied were deleted (retention "
					+ "or delete-records). This replica halts rather than skip them (docs/modes.md, Total order).");
		}
		if (nextOffset > end) {
			return Optional.of("Topic '" + topic + "' ends at offset " + end + ", but this replica already consumed "
					+ "up to offset " + nextOffset + ": the broker lost records of the log. This replica halts rather "
					+ "than apply different records at offsets it has passed (docs/modes.md, Total order).");
		}
		return Optional.empty();
	}

	/**
	 * The topic's retention when it is finite (the log is the history: it should be kept
	 * for ever).
	 */
	static Optional<String> finiteRetention(Admin admin, String topic, Duration timeout) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Config config = admin.describeConfigs(List.of(resource))
			.all()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.get(resource);
		StringBuilder finite = new StringBuilder();
		for (String name : List.of("retention.ms", "retention.bytes")) {
			ConfigEntry entry = config.get(name);
			if (entry != null && entry.value() != null && !entry.value().equals("-1")) {
				finite.append((finite.length() > 0) ? ", " : "").append(name).append('=').append(entry.value());
			}
		}
		return (finite.length() > 0) ? Optional.of(finite.toString()) : Optional.empty();
	}

	private static long offset(Admin admin, TopicPartition partition, OffsetSpec spec, Duration timeout)
			throws Exception {
		return admin.listOffsets(Map.of(partition, spec))
			.partitionResult(partition)
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
			.offset();
	}

}
