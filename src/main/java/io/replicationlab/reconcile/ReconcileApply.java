package io.replicationlab.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.replica.Pitfall;
import io.replicationlab.replica.Pitfalls;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.stereotype.Component;

/**
 * Merges ops into the reconcile state, inside a group-commit unit: one client write, or a
 * batch from a peer. A batch is applied with a few statements for all its ops (its WAL
 * rows, applied-log rows and keys' states each written by multi-row statements, its keys
 * and twins read at once), not a handful per op: applying pulled pages was what made a
 * heal take many pull intervals.
 */
@Component
class ReconcileApply {

	private final ReconcileProperties settings;

	private final WriteAheadLog wal;

	private final ReconcileStore store;

	private final AppliedLog appliedLog;

	private final ShippingCounters counters;

	private final Pitfalls pitfalls;

	ReconcileApply(ReconcileProperties settings, WriteAheadLog wal, ReconcileStore store, AppliedLog appliedLog,
			ShippingCounters counters, Pitfalls pitfalls) {
		this.settings = settings;
		this.wal = wal;
		this.store = store;
		this.appliedLog = appliedLog;
		this.counters = counters;
		this.pitfalls = pitfalls;
	}

	/**
	 * Merges a client write this replica has just appended, records the outcome(s) and
	 * advances its vector.
	 */
	void merge(ReconcileOp op, String where) {
		Map<String, KeyState> touched = new HashMap<>(Map.of(op.key(), this.store.load(op.key())));
		List<AppliedLog.Entry> applied = new ArrayList<>();
		mergeInto(touched, op, where, Set.of(), applied);
		this.appliedLog.recordAll(Mode.RECONCILE, applied);
		touched.forEach(this.store::save);
		this.store.advance(op.dot());
	}

	/**
	 * Applies a batch from a peer, all or nothing: see {@link ReconcileMode#applyBatch}.
	 */
	int applyBatch(String peer, List<ReconcileOp> ops) {
		VersionVector vector = this.store.vector();
		// the ops new here, and for each op of the batch in order whether it is new
		Map<Dot, ReconcileOp> fresh = new LinkedHashMap<>();
		List<Boolean> isFresh = new ArrayList<>(ops.size());
		Map<String, Dot> lastDots = new LinkedHashMap<>();
		for (ReconcileOp op : ops) {
			if (vector.covers(op.dot())) {
				ReconcileOp held = fresh.containsKey(op.dot()) ? fresh.get(op.dot())
						: this.store.find(op.dot())
							.orElseThrow(() -> new BatchRejectedException(
									"dot " + op.dot() + " is covered by this replica's vector but not in its WAL"));
				if (!DeltaBatches.sameWrite(held, op)) {
					throw new BatchRejectedException("dot " + op.dot() + " is held here as op " + held.opId()
							+ " with other content than the batch's op " + op.opId());
				}
				isFresh.add(false);
				continue;
			}
			String issuer = op.dot().replica();
			if (op.dot().counter() != vector.get(issuer) + 1) {
				throw new BatchRejectedException("gap: this replica holds " + issuer + " up to " + vector.get(issuer)
						+ ", the batch continues with " + op.dot());
			}
			fresh.put(op.dot(), op);
			isFresh.add(true);
			lastDots.put(issuer, op.dot());
			vector = vector.advance(op.dot());
		}
		List<NewWalEntry> entries = new ArrayList<>(fresh.size());
		Set<String> keys = new HashSet<>();
		Set<UUID> opIds = new HashSet<>();
		for (ReconcileOp op : fresh.values()) {
			entries.add(NewWalEntry.fromPeer(op.opId(), op.origin(), op.key(), op.value(), op.originLsn(),
					op.acceptedAt(), op.dot(), op.context()));
			keys.add(op.key());
			opIds.add(op.opId());
		}
		// an op is its dot: the op id may be here already, under another dot of the same
		// client write (a retry on another replica, merged as one write), or come twice
		// in this batch; neither stops the batch
		Map<UUID, List<ReconcileOp>> held = this.store.heldByOpId(opIds);
		List<WalEntry> appended = this.wal.appendAll(entries);
		Map<String, KeyState> touched = this.store.loadAll(keys);
		List<AppliedLog.Entry> applied = new ArrayList<>();
		int next = 0;
		for (int i = 0; i < ops.size(); i++) {
			ReconcileOp op = ops.get(i);
			if (!isFresh.get(i)) {
				applied.add(new AppliedLog.Entry(op.opId(), op.origin(), op.key(), op.dot().toString(),
						Outcome.DUPLICATE, "dot " + op.dot() + " already held; from " + peer, null));
				continue;
			}
			List<ReconcileOp> sameId = held.computeIfAbsent(op.opId(), (id) -> new ArrayList<>());
			Set<Dot> twins = new HashSet<>();
			sameId.stream()
				.filter((other) -> !other.dot().equals(op.dot())
						&& op.sameWriteAs(other.opId(), other.key(), other.value()))
				.forEach((other) -> twins.add(other.dot()));
			mergeInto(touched, op, "from " + peer + ", lsn " + appended.get(next++).lsn(), twins, applied);
			sameId.add(op);
		}
		this.appliedLog.recordAll(Mode.RECONCILE, applied);
		this.store.saveAll(touched);
		lastDots.values().forEach(this.store::advance);
		return fresh.size();
	}

	/**
	 * Merges the op into its key's state as held in {@code touched}, and adds the
	 * outcome(s) to {@code applied}; the caller writes both and advances the vector.
	 */
	private void mergeInto(Map<String, KeyState> touched, ReconcileOp op, String where, Set<Dot> twins,
			List<AppliedLog.Entry> applied) {
		KeyState before = touched.get(op.key());
		ReconcileOp merging = op;
		if (this.pitfalls.on(Pitfall.WALL_CLOCK_LWW)) {
			// PITFALL wall-clock-lww: the highest wall-clock stamp wins, even over a
			// write
			// that had seen it
			merging = new ReconcileOp(op.opId(), op.dot(), VersionVector.parse(""), op.key(), op.value(),
					op.acceptedAt(), op.originLsn());
		}
		Merge.Merged merged = Merge.apply(before, merging, twins, this.settings.conflictPolicy());
		touched.put(op.key(), merged.state());
		applied.add(new AppliedLog.Entry(op.opId(), op.origin(), op.key(), op.dot().toString(), merged.outcome(),
				op.dot() + " " + merged.detail() + "; " + where, op.acceptedAt()));
		for (Sibling loser : merged.discarded()) {
			applied.add(new AppliedLog.Entry(loser.opId(), loser.origin(), op.key(), loser.dot().toString(),
					Outcome.DISCARDED, loser.dot() + " lost to " + op.dot() + " (last writer wins)", null));
		}
		int discarded = merged.discarded().size() + ((merged.outcome() == Outcome.DISCARDED) ? 1 : 0);
		if (discarded > 0) {
			this.counters.discarded(discarded);
		}
	}

}
