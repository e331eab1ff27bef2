package io.replicationlab.wal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * An operation about to be appended to the WAL: everything but the lsn and the recording
 * time, which the log assigns. When {@code source} is {@link Source#CLIENT},
 * {@code originLsn} is ignored: the op's own lsn is its origin lsn.
 * <p>
 * Build one with the factory of the way it arrived ({@link #local}, {@link #totalOrder},
 * {@link #reconcile} for a client's write, {@link #fromKafka}, {@link #fromPeer}); the
 * constructor refuses the combinations no mode writes: a Kafka row without its offset or
 * outside {@code total-order}, a peer's row without its dot or outside {@code reconcile},
 * a dot without its context.
 */
public record NewWalEntry(UUID opId, Mode mode, String origin, Source source, String key, String value, long originLsn,
		Instant acceptedAt, Long kafkaOffset, Dot dot, VersionVector context) {

	public NewWalEntry {
		Objects.requireNonNull(opId, "opId");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(origin, "origin");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(acceptedAt, "acceptedAt");
		if ((dot == null) != (context == null)) {
			throw new IllegalArgumentException(
					"op " + opId + ": a dot comes with its context (dot " + dot + ", context " + context + ")");
		}
		if (source == Source.KAFKA && (mode != Mode.TOTAL_ORDER || kafkaOffset == null)) {
			throw new IllegalArgumentException("op " + opId + ": a row from Kafka is total-order with an offset");
		}
		if (source == Source.PEER && (mode != Mode.RECONCILE || dot == null)) {
			throw new IllegalArgumentException("op " + opId + ": a row from a peer is reconcile with a dot");
		}
	}

	/**
	 * A write a client sent to this replica, in any mode (for {@code reconcile}, before
	 * {@link #withDot}).
	 */
	public static NewWalEntry fromClient(UUID opId, Mode mode, String origin, String key, String value,
			Instant acceptedAt) {
		return new NewWalEntry(opId, mode, origin, Source.CLIENT, key, value, 0, acceptedAt, null, null, null);
	}

	/** {@code local}: a write a client sent to this replica. */
	public static NewWalEntry local(UUID opId, String origin, String key, String value, Instant acceptedAt) {
		return fromClient(opId, Mode.LOCAL, origin, key, value, acceptedAt);
	}

	/** {@code total-order}: a write a client sent to this replica, not yet ordered. */
	public static NewWalEntry totalOrder(UUID opId, String origin, String key, String value, Instant acceptedAt) {
		return fromClient(opId, Mode.TOTAL_ORDER, origin, key, value, acceptedAt);
	}

	/**
	 * {@code reconcile}: a write a client sent to this replica, to be named by
	 * {@link #withDot} if it is new.
	 */
	public static NewWalEntry reconcile(UUID opId, String origin, String key, String value, Instant acceptedAt) {
		return fromClient(opId, Mode.RECONCILE, origin, key, value, acceptedAt);
	}

	/**
	 * {@code total-order}: a write consumed from the topic at {@code offset}, accepted by
	 * {@code origin}.
	 */
	public static NewWalEntry fromKafka(UUID opId, String origin, String key, String value, long originLsn,
			Instant acceptedAt, long offset) {
		return new NewWalEntry(opId, Mode.TOTAL_ORDER, origin, Source.KAFKA, key, value, originLsn, acceptedAt, offset,
				null, null);
	}

	/** {@code reconcile}: an op pulled from or pushed by a peer, named by its origin. */
	public static NewWalEntry fromPeer(UUID opId, String origin, String key, String value, long originLsn,
			Instant acceptedAt, Dot dot, VersionVector context) {
		return new NewWalEntry(opId, Mode.RECONCILE, origin, Source.PEER, key, value, originLsn, acceptedAt, null,
				Objects.requireNonNull(dot, "dot"), Objects.requireNonNull(context, "context"));
	}

	/** This op named by a dot, with the causal context it had seen. */
	public NewWalEntry withDot(Dot dot, VersionVector context) {
		return new NewWalEntry(this.opId, this.mode, this.origin, this.source, this.key, this.value, this.originLsn,
				this.acceptedAt, this.kafkaOffset, Objects.requireNonNull(dot, "dot"),
				Objects.requireNonNull(context, "context"));
	}

}
