package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.UUID;

import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * The {@code reconcile} properties of docs/design.md, judged over the histories of the
 * reachable replicas. Pure.
 * <p>
 * Writes are matched by op id, never by value: a write is live when its op id is among
 * the live siblings a replica shows ({@code liveOps} of {@code /api/reconcile/kv}), so
 * two writes of the same value are told apart. A client write is judged once with all its
 * dots: a client that retried one op id on two replicas made one write under two dots
 * (docs/design.md "Identity"), superseded as soon as a later write saw either.
 */
final class ReconcileChecks {

	static final String CONVERGENCE = "convergence";

	static final String NO_LOST_WRITE = "no-lost-write";

	private static final int MAX_LISTED = 10;

	private ReconcileChecks() {
	}

	static List<PropertyCheck> check(List<History> histories, Collection<String> unreachable, boolean quiesced) {
		return List.of(convergence(histories, unreachable, quiesced), noLostWrite(histories));
	}

	/** The reachable replicas have equal version vectors and equal state digests. */
	static PropertyCheck convergence(List<History> histories, Collection<String> unreachable, boolean quiesced) {
		String meaning = "After healing and quiescence, the reachable replicas have equal version vectors and equal "
				+ "state digests";
		List<String> notes = new ArrayList<>();
		if (!quiesced) {
			notes.add("Judged without quiescence: replicas still exchanging deltas show as diverged; ask with "
					+ "?quiesce=10");
		}
		if (!unreachable.isEmpty()) {
			notes.add("Not judged on unreachable replicas " + unreachable);
		}
		Map<String, List<String>> groups = new LinkedHashMap<>();
		for (History history : histories) {
			groups
				.computeIfAbsent("vector [" + normalized(history.vector()) + "], digest " + history.digest(),
						(state) -> new ArrayList<>())
				.add(history.replica());
		}
		if (groups.size() <= 1) {
			return PropertyCheck.holds(CONVERGENCE, meaning, notes);
		}
		List<String> described = new ArrayList<>();
		groups.forEach((state, replicas) -> described.add(String.join(", ", replicas) + " with " + state));
		Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
		histories.forEach((history) -> states.put(history.replica(), history.entries()));
		SortedMap<String, Map<String, List<String>>> keys = StateComparison.differingKeys(states);
		String explanation = "The replicas are in " + groups.size() + " different states: "
				+ String.join("; ", described) + "; " + StateComparison.countDifferingKeys(states) + " key(s) differ";
		return PropertyCheck.fails(CONVERGENCE, meaning,
				new Evidence(explanation, histories.stream().map(History::replica).toList(), List.of(), Map.of(), keys),
				notes);
	}

	/**
	 * Every write in any reachable WAL is a live sibling on some replica, or superseded
	 * by a causally later write to its key (whose context covers its dot), or counted
	 * DISCARDED by last-writer-wins somewhere. A delete counts as live where its key is
	 * absent or holds a value written concurrently with it.
	 */
	static PropertyCheck noLostWrite(List<History> histories) {
		String meaning = "Every acknowledged write is a live sibling somewhere, superseded by a causally later write, "
				+ "or counted as discarded by last-writer-wins";
		// one row per dot; a client write is all the dots of one op id with the same key
		// and value (a retry of the op
		// id on another replica made another dot of the same write)
		Map<String, WalRow> dots = new LinkedHashMap<>();
		histories.forEach((history) -> history.wal()
			.forEach((row) -> dots.putIfAbsent((row.dot() != null) ? row.dot() : row.opId().toString(), row)));
		Map<Write, List<WalRow>> writes = new LinkedHashMap<>();
		dots.values().forEach((row) -> writes.computeIfAbsent(Write.of(row), (write) -> new ArrayList<>()).add(row));
		List<WalRow> lost = new ArrayList<>();
		for (List<WalRow> write : writes.values()) {
			WalRow row = write.get(0);
			if (!live(row, histories, dots.values()) && !superseded(write, dots.values())
					&& !discarded(row, histories)) {
				lost.add(row);
			}
		}
		if (lost.isEmpty()) {
			return PropertyCheck.holds(NO_LOST_WRITE, meaning, List.of());
		}
		WalRow first = lost.get(0);
		Map<String, List<Long>> positions = new LinkedHashMap<>();
		List<String> outcomes = new ArrayList<>();
		for (History history : histories) {
			history.applied().stream().filter((row) -> row.opId().equals(first.opId())).forEach((row) -> {
				positions.computeIfAbsent(history.replica(), (r) -> new ArrayList<>()).add(row.position());
				outcomes.add(row.outcome() + " on " + history.replica() + " at position " + row.position());
			});
		}
		String explanation = lost.size() + " write(s) lost; the first is " + first.opId() + " ("
				+ ((first.value() != null) ? "'" + first.value() + "'" : "delete") + " to key '" + first.key()
				+ "', dot " + first.dot() + ", origin " + first.origin()
				+ "): it is live on no replica, no later write's "
				+ "context covers its dot, and no replica discarded it"
				+ (outcomes.isEmpty() ? "" : "; applied log: " + String.join(", ", outcomes));
		return PropertyCheck.fails(NO_LOST_WRITE, meaning, Evidence.of(explanation, List.copyOf(positions.keySet()),
				lost.stream().map(WalRow::opId).limit(MAX_LISTED).toList(), positions), List.of());
	}

	private static boolean live(WalRow write, List<History> histories, Collection<WalRow> writes) {
		for (History history : histories) {
			if (history.liveOps() != null) {
				if (history.liveOps().contains(write.opId())) {
					return true;
				}
				continue;
			}
			// a replica that does not show its live op ids: the value is all there is to
			// go by
			List<String> values = history.entries().getOrDefault(write.key(), List.of());
			if (write.value() != null && values.contains(write.value())) {
				return true;
			}
			if (write.value() == null && (values.isEmpty() || hasConcurrentValue(write, values, writes))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether one of the live values was written by a write concurrent with (not seen by,
	 * not seeing) the delete.
	 */
	private static boolean hasConcurrentValue(WalRow delete, List<String> values, Collection<WalRow> writes) {
		Dot deleteDot = delete.parsedDot();
		VersionVector deleteContext = delete.parsedContext();
		return writes.stream()
			.filter((other) -> other.key().equals(delete.key()) && other.value() != null
					&& values.contains(other.value()))
			.anyMatch((other) -> {
				Dot otherDot = other.parsedDot();
				boolean seenByDelete = otherDot != null && deleteContext.covers(otherDot);
				boolean seesDelete = deleteDot != null && other.parsedContext().covers(deleteDot);
				return !seenByDelete && !seesDelete;
			});
	}

	/**
	 * Whether a later write to the key (another client write) saw one of this write's
	 * dots.
	 */
	private static boolean superseded(List<WalRow> write, Collection<WalRow> rows) {
		Write id = Write.of(write.get(0));
		List<Dot> dots = write.stream().map(WalRow::parsedDot).filter(Objects::nonNull).toList();
		return rows.stream()
			.anyMatch((later) -> !Write.of(later).equals(id) && later.key().equals(id.key())
					&& dots.stream().anyMatch(later.parsedContext()::covers));
	}

	/**
	 * One client write: a retry of its op id on another replica is another dot of it,
	 * with the same key and value.
	 */
	private record Write(UUID opId, String key, String value) {

		static Write of(WalRow row) {
			return new Write(row.opId(), row.key(), row.value());
		}

	}

	private static boolean discarded(WalRow write, List<History> histories) {
		return histories.stream()
			.flatMap((history) -> history.applied().stream())
			.anyMatch((row) -> row.opId().equals(write.opId()) && row.outcome() == Outcome.DISCARDED);
	}

	private static String normalized(String vector) {
		try {
			return VersionVector.parse(vector).toString();
		}
		catch (IllegalArgumentException ex) {
			return Objects.toString(vector, "");
		}
	}

}
