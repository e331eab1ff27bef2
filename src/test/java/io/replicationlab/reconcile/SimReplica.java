package io.replicationlab.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * A replica reduced to what the merge needs, in plain Java: a version vector, each key's
 * state, and the ops it holds. It follows the rules {@link ReconcileMode} follows: ops of
 * one origin are taken in counter order (a gap is refused, as the delta exchange refuses
 * it), an op already held is a duplicate and changes nothing.
 */
final class SimReplica {

	final String id;

	final ConflictPolicy policy;

	VersionVector vector = VersionVector.empty();

	final SortedMap<String, KeyState> keys = new TreeMap<>();

	/** Every op this replica holds, in the order it took them. */
	final List<ReconcileOp> held = new ArrayList<>();

	final List<Outcome> outcomes = new ArrayList<>();

	SimReplica(String id, ConflictPolicy policy) {
		this.id = id;
		this.policy = policy;
	}

	KeyState key(String key) {
		return this.keys.getOrDefault(key, KeyState.EMPTY);
	}

	/**
	 * A client write here, with the given context or (null) the key's current one, at
	 * this replica's clock.
	 */
	ReconcileOp write(String key, String value, VersionVector context, Instant clock) {
		KeyState state = key(key);
		VersionVector used = (context != null) ? context : state.context();
		Instant now = clock.truncatedTo(ChronoUnit.MICROS);
		Instant acceptedAt = now.isAfter(state.maxAcceptedAt()) ? now
				: state.maxAcceptedAt().plus(1, ChronoUnit.MICROS);
		Dot dot = this.vector.nextDot(this.id);
		ReconcileOp op = new ReconcileOp(UUID.randomUUID(), dot, used, key, value, acceptedAt, dot.counter());
		if (!deliver(op)) {
			throw new IllegalStateException("own write " + dot + " refused");
		}
		return op;
	}

	/** Takes an op; false when it would leave a gap (refused, nothing changes). */
	boolean deliver(ReconcileOp op) {
		if (this.vector.covers(op.dot())) {
			this.outcomes.add(Outcome.DUPLICATE);
			return true;
		}
		if (op.dot().counter() != this.vector.get(op.origin()) + 1) {
			return false;
		}
		Merge.Merged merged = Merge.apply(key(op.key()), op, this.policy);
		this.keys.put(op.key(), merged.state());
		this.vector = this.vector.advance(op.dot());
		this.held.add(op);
		this.outcomes.add(merged.outcome());
		return true;
	}

	String digest() {
		return ReconcileMode.digest(this.keys);
	}

	Map<String, KeyState> snapshot() {
		return new TreeMap<>(this.keys);
	}

}
