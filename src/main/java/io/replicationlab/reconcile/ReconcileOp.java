package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * One reconcile write, as it is merged and as it travels between replicas.
 * <p>
 * Invariant: the context does not cover the op's own dot (a write cannot have seen
 * itself).
 *
 * @param dot the op's name: its origin replica and that replica's counter
 * @param context the causal context: every version of the key the writer had seen (and
 * replaces)
 * @param value the value, or {@code null} for a delete (tombstone)
 * @param acceptedAt when the origin accepted it; causally later writes of a key are
 * always later
 * @param originLsn its lsn in the origin's WAL
 */
record ReconcileOp(UUID opId, Dot dot, VersionVector context, String key, String value, Instant acceptedAt,
		long originLsn) {

	ReconcileOp {
		Objects.requireNonNull(opId, "opId");
		Objects.requireNonNull(dot, "dot");
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(acceptedAt, "acceptedAt");
		if (context.covers(dot)) {
			throw new IllegalArgumentException("op " + dot + " has a context " + context + " that covers itself");
		}
	}

	/**
	 * The replica that accepted it from a client (the dot names that replica's
	 * incarnation).
	 */
	String origin() {
		return Incarnation.replicaOf(this.dot.replica());
	}

	/**
	 * Whether both are one client write: same op id, key and value (a retry on another
	 * replica has another dot).
	 */
	boolean sameWriteAs(UUID otherOpId, String otherKey, String otherValue) {
		return this.opId.equals(otherOpId) && this.key.equals(otherKey) && Objects.equals(this.value, otherValue);
	}

	Sibling sibling() {
		return new Sibling(this.dot, this.opId, this.value, this.acceptedAt);
	}

}
