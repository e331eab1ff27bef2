package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.replicationlab.vclock.VersionVector;

/**
 * A key's state on one replica: its live siblings and the causal context that covers
 * every version of the key the replica has seen (live or replaced).
 * <p>
 * Invariants: siblings have distinct dots and are sorted by dot; the context covers every
 * sibling's dot; {@code maxAcceptedAt} is at least every sibling's accept time. A read
 * returns the context; a write carrying it replaces every sibling the read showed.
 *
 * @param context the causal context of the key
 * @param siblings the live versions, sorted by dot
 * @param maxAcceptedAt the latest accept time of any op merged into the key, so that a
 * write accepted here can be stamped after everything it may replace
 */
record KeyState(VersionVector context, List<Sibling> siblings, Instant maxAcceptedAt) {

	static final KeyState EMPTY = new KeyState(VersionVector.empty(), List.of(), Instant.EPOCH);

	KeyState {
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(maxAcceptedAt, "maxAcceptedAt");
		siblings = siblings.stream().sorted(Comparator.comparing(Sibling::dot)).toList();
		for (int i = 0; i < siblings.size(); i++) {
			Sibling sibling = siblings.get(i);
			if (!context.covers(sibling.dot())) {
				throw new IllegalStateException("context " + context + " does not cover sibling " + sibling.dot());
			}
			if (i > 0 && siblings.get(i - 1).dot().equals(sibling.dot())) {
				throw new IllegalStateException("sibling " + sibling.dot() + " appears twice");
			}
		}
	}

	/**
	 * The live values a read shows, sorted, each client write once (the dots of one op id
	 * retried on two replicas live together); tombstones are left out (they only keep a
	 * delete in the contest).
	 */
	List<String> values() {
		List<Sibling> shown = new ArrayList<>();
		for (Sibling sibling : this.siblings) {
			if (!sibling.tombstone() && shown.stream().noneMatch(sibling::sameWriteAs)) {
				shown.add(sibling);
			}
		}
		return shown.stream().map(Sibling::value).sorted().toList();
	}

	/**
	 * Whether a read finds the key: it has at least one sibling that is not a tombstone.
	 */
	boolean present() {
		return this.siblings.stream().anyMatch((sibling) -> !sibling.tombstone());
	}

}
