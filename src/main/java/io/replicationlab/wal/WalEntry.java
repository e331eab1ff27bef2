package io.replicationlab.wal;

import java.time.Instant;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

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
 * @param kafkaOffset total-order: the offset this replica consumed it from, when it
 * arrived through Kafka
 * @param dot reconcile: the dot naming this version, in JSON its text form ({@code r1:7})
 * @param context reconcile: the causal context the write had seen, in JSON its text form
 * ({@code r1:6,r2:3})
 */
public record WalEntry(long lsn, UUID opId, Mode mode, String origin, Source source, String key, String value,
		long originLsn, Instant acceptedAt, Instant recordedAt, Long kafkaOffset,
		@JsonSerialize(using = ToStringSerializer.class) @Schema(implementation = String.class) Dot dot,
		@JsonSerialize(using = ToStringSerializer.class) @Schema(implementation = String.class) VersionVector context) {

	public boolean tombstone() {
		return this.value == null;
	}

}
