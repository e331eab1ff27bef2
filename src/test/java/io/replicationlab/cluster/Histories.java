package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.replicationlab.state.Outcome;
import io.replicationlab.state.StateDigest;
import io.replicationlab.wal.Source;

/** Hand-made histories for the verifier's tests. */
final class Histories {

	private Histories() {
	}

	static UUID op(int n) {
		return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
	}

	/**
	 * A write of the total-order topic: op n written by origin to key, at offset n - 1.
	 */
	record Write(int n, String origin, String key, String value) {

		UUID opId() {
			return op(this.n);
		}

	}

	static Write write(int n, String origin, String key, String value) {
		return new Write(n, origin, key, value);
	}

	/**
	 * A total-order replica that applied the given writes in the given order (all
	 * APPLIED), whose WAL has its own writes from clients (all of {@code accepted}) and
	 * the others from Kafka with their offsets, and whose state is what applying them
	 * gives.
	 */
	static History totalOrder(String replica, List<Write> accepted, List<Write> appliedInOrder) {
		List<AppliedRow> applied = new ArrayList<>();
		for (Write write : appliedInOrder) {
			applied.add(new AppliedRow(applied.size() + 1, write.opId(), write.origin(), write.key(), Outcome.APPLIED));
		}
		return withApplied(replica, accepted, appliedInOrder, applied);
	}

	static History withApplied(String replica, List<Write> accepted, List<Write> appliedInOrder,
			List<AppliedRow> applied) {
		List<WalRow> wal = new ArrayList<>();
		accepted.stream()
			.filter((write) -> write.origin().equals(replica))
			.forEach((write) -> wal.add(new WalRow(wal.size() + 1, write.opId(), replica, Source.CLIENT, write.key(),
					write.value(), null, null, null)));
		appliedInOrder.stream()
			.filter((write) -> !write.origin().equals(replica))
			.forEach((write) -> wal.add(new WalRow(wal.size() + 1, write.opId(), write.origin(), Source.KAFKA,
					write.key(), write.value(), (long) write.n() - 1, null, null)));
		SortedMap<String, List<String>> entries = new TreeMap<>();
		appliedInOrder.forEach((write) -> entries.put(write.key(), List.of(write.value())));
		return new History(replica, applied, wal, entries, StateDigest.of(entries), null, Map.of(), true);
	}

	/** A reconcile WAL row from a client: dot and causal context as text. */
	static WalRow reconcileWrite(int n, String origin, String key, String value, String dot, String context) {
		return new WalRow(n, op(n), origin, Source.CLIENT, key, value, null, dot, context);
	}

	static History reconcile(String replica, List<WalRow> wal, Map<String, List<String>> state, String vector,
			List<AppliedRow> applied) {
		SortedMap<String, List<String>> entries = new TreeMap<>(new LinkedHashMap<>(state));
		return new History(replica, applied, wal, entries, StateDigest.of(entries), vector, Map.of(), true);
	}

}
