package io.replicationlab.wal;

import java.time.Instant;
import java.util.UUID;

import io.replicationlab.replica.Mode;

/**
 * One row of the write-ahead log.
 *
 * @param lsn the local sequence number: this replica's order of recording, 1, 2, 3...
 * @param opId the operation's globally unique id
 * @param mode the mode it was written in
 * @param origin the replica that accepted it from a client
 * @param source how it reached this replica
 * @param key the key it writes
 * @param value the value, or {@code null} for a delete (tombstone)
 * @param originLsn its lsn in the origin's WAL
 * @param acceptedAt when the origin accepted it
 * @param recordedAt when this replica appended it
 * @param kafkaOffset total-order: the offset this replica consumed it from, when it arrived through Kafka
 * @param dot reconcile: the dot naming this version ({@code r1:7})
 * @param context reconcile: the causal context (version vector) the write had seen
 */
public record WalEntry(long lsn, UUID opId, Mode mode, String origin, Source source, String key, String value,
		long originLsn, Instant acceptedAt, Instant recordedAt, Long kafkaOffset, String dot, String context) {

	public boolean tombstone() {
		return this.value == null;
	}

}
