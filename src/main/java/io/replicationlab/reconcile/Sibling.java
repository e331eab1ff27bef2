package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

import io.replicationlab.vclock.Dot;

/**
 * One live version of a key: a value (or a tombstone) named by the dot of the write that
 * produced it.
 *
 * @param value the value, or {@code null} for a tombstone: a delete that is concurrent
 * with other versions stays as a sibling so that it can win (lww) or be resolved
 * (multi-value) like any write
 */
record Sibling(Dot dot, UUID opId, String value, Instant acceptedAt) {

	/**
	 * Last-writer-wins order: accept time, then origin id, then counter. Total: no two
	 * siblings share a dot.
	 */
	static final Comparator<Sibling> LWW_ORDER = Comparator.comparing(Sibling::acceptedAt)
		.thenComparing((sibling) -> sibling.dot().replica())
		.thenComparingLong((sibling) -> sibling.dot().counter());

	boolean tombstone() {
		return this.value == null;
	}

	/**
	 * The replica that accepted it from a client (the dot names that replica's
	 * incarnation).
	 */
	String origin() {
		return Incarnation.replicaOf(this.dot.replica());
	}

	/**
	 * Whether both are one client write (a retry of one op id on two replicas: two dots,
	 * one write).
	 */
	boolean sameWriteAs(Sibling other) {
		return this.opId.equals(other.opId) && Objects.equals(this.value, other.value);
	}

	/**
	 * {@code r1:3=blue}, or {@code r1:3 deleted}: how the sibling shows in details and
	 * digests.
	 */
	String describe() {
		return tombstone() ? this.dot + " deleted" : this.dot + "=" + this.value;
	}

}
