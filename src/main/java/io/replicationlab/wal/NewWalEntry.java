package io.replicationlab.wal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * An operation about to be appended to the WAL: everything but the lsn and the recording time, which the log assigns.
 * When {@code source} is {@link Source#CLIENT}, {@code originLsn} is ignored: the op's own lsn is its origin lsn.
 */
public record NewWalEntry(UUID opId, Mode mode, String origin, Source source, String key, String value,
		long originLsn, Instant acceptedAt, Long kafkaOffset, Dot dot, VersionVector context) {

	public NewWalEntry {
		Objects.requireNonNull(opId, "opId");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(acceptedAt, "acceptedAt");
	}

	/** A write a client sent to this replica. */
	public static NewWalEntry fromClient(UUID opId, Mode mode, String origin, String key, String value,
			Instant acceptedAt) {
		return new NewWalEntry(opId, mode, origin, Source.CLIENT, key, value, 0, acceptedAt, null, null, null);
	}

	public NewWalEntry withKafkaOffset(long offset) {
		return new NewWalEntry(this.opId, this.mode, this.origin, this.source, this.key, this.value, this.originLsn,
				this.acceptedAt, offset, this.dot, this.context);
	}

	public NewWalEntry withDot(Dot dot, VersionVector context) {
		return new NewWalEntry(this.opId, this.mode, this.origin, this.source, this.key, this.value, this.originLsn,
				this.acceptedAt, this.kafkaOffset, dot, context);
	}

}
