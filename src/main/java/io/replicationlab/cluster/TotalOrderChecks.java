package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.replicationlab.wal.Source;

/**
 * The {@code total-order} properties of docs/design.md, judged over the histories of the
 * reachable replicas. Pure.
 * <p>
 * An applied sequence is a replica's applied log without its {@code DUPLICATE} and
 * {@code REJECTED} rows (see {@link AppliedRow#effective()}): the ops that changed the
 * state, in order. Agreement compares these sequences; integrity looks for an op twice
 * among them.
 */
final class TotalOrderChecks {

	static final String AGREEMENT = "agreement";

	static final String INTEGRITY = "integrity";

	static final String NO_FABRICATION = "no-fabrication";

	static final String NO_LOSS = "no-loss";

	static final String NO_UNPUBLISHED_WRITE = "no-unpublished-write";

	static final String EQUAL_PREFIX_EQUAL_STATE = "equal-prefix-equal-state";

	private static final int MAX_LISTED = 10;

	private TotalOrderChecks() {
	}

	static List<PropertyCheck> check(List<History> histories, Collection<String> unreachable, boolean quiesced) {
		return List.of(agreement(histories), integrity(histories), noFabrication(histories, unreachable),
				noLoss(histories, unreachable, quiesced), noUnpublishedWrite(histories, quiesced),
				equalPrefixEqualState(histories));
	}

	/** Any two applied sequences: one is a prefix of the other. */
	static PropertyCheck agreement(List<History> histories) {
		String meaning = "Any two replicas' applied sequences are such that one is a prefix of the other";
		Conflict first = firstConflict(histories);
		if (first == null) {
			return PropertyCheck.holds(AGREEMENT, meaning, List.of());
		}
		String explanation = first.a().replica() + " and " + first.b().replica() + " agree on their first "
				+ first.index() + " applied ops, then " + first.a().replica() + " applied " + first.opA().opId()
				+ " at position " + first.opA().position() + " where " + first.b().replica() + " applied "
				+ first.opB().opId() + " at position " + first.opB().position();
		return PropertyCheck.fails(AGREEMENT, meaning,
				Evidence.of(explanation, List.of(first.a().replica(), first.b().replica()),
						List.of(first.opA().opId(), first.opB().opId()), positions(first.a().replica(),
								List.of(first.opA().position()), first.b().replica(), List.of(first.opB().position()))),
				List.of());
	}

	/**
	 * No replica applied an op twice (two rows for one op id that are not DUPLICATE or
	 * REJECTED).
	 */
	static PropertyCheck integrity(List<History> histories) {
		String meaning = "No replica applied the same op twice";
		for (History history : histories) {
			Map<UUID, List<Long>> positions = new LinkedHashMap<>();
			history.effective()
				.forEach((row) -> positions.computeIfAbsent(row.opId(), (id) -> new ArrayList<>()).add(row.position()));
			for (Map.Entry<UUID, List<Long>> op : positions.entrySet()) {
				if (op.getValue().size() > 1) {
					String explanation = history.replica() + " applied " + op.getKey() + " " + op.getValue().size()
							+ " times, at positions " + join(op.getValue()) + " (none of these rows is a DUPLICATE)";
					return PropertyCheck.fails(INTEGRITY, meaning, Evidence.of(explanation, List.of(history.replica()),
							List.of(op.getKey()), Map.of(history.replica(), op.getValue())), List.of());
				}
			}
		}
		return PropertyCheck.holds(INTEGRITY, meaning, List.of());
	}

	/**
	 * Every applied op was accepted from a client by some replica: it is in some WAL with
	 * source CLIENT.
	 */
	static PropertyCheck noFabrication(List<History> histories, Collection<String> unreachable) {
		String meaning = "Every applied op was accepted from a client by some replica (it is in that replica's WAL "
				+ "with source CLIENT)";
		Set<UUID> fromClients = histories.stream()
			.flatMap((history) -> history.wal().stream())
			.filter((row) -> row.source() == Source.CLIENT)
			.map(WalRow::opId)
			.collect(Collectors.toSet());
		Set<String> unjudged = new LinkedHashSet<>();
		for (History history : histories) {
			for (AppliedRow row : history.effective()) {
				if (fromClients.contains(row.opId())) {
					continue;
				}
				if (unreachable.contains(row.origin())) {
					unjudged.add(row.origin());
					continue;
				}
				String explanation = history.replica() + " applied " + row.opId() + " at position " + row.position()
						+ " (origin " + row.origin() + "), but no replica's WAL has it from a client"
						+ (isMember(row.origin(), histories, unreachable) ? ""
								: "; " + row.origin() + " is not a replica of this cluster");
				return PropertyCheck.fails(
						NO_FABRICATION, meaning, Evidence.of(explanation, List.of(history.replica()),
								List.of(row.opId()), Map.of(history.replica(), List.of(row.position()))),
						unjudgedNotes(unjudged));
			}
		}
		return PropertyCheck.holds(NO_FABRICATION, meaning, unjudgedNotes(unjudged));
	}

	/**
	 * Every op known to be ordered is applied on every reachable replica. An op is known
	 * to be ordered when some replica applied it, some WAL row carries its Kafka offset,
	 * or its origin reports it ordered.
	 */
	static PropertyCheck noLoss(List<History> histories, Collection<String> unreachable, boolean quiesced) {
		String meaning = "After quiescence, every op known to be ordered (applied somewhere, consumed with an offset, "
				+ "or reported ordered by its origin) is applied on every reachable replica";
		Map<UUID, String> ordered = new LinkedHashMap<>();
		for (History history : histories) {
			history.effective()
				.forEach((row) -> ordered.putIfAbsent(row.opId(),
						"applied on " + history.replica() + " at position " + row.position()));
		}
		for (History history : histories) {
			history.wal()
				.stream()
				.filter((row) -> row.kafkaOffset() != null)
				.forEach((row) -> ordered.putIfAbsent(row.opId(),
						"offset " + row.kafkaOffset() + " in " + history.replica() + "'s WAL"));
			history.orderedAtOrigin()
				.forEach((opId, offset) -> ordered.putIfAbsent(opId,
						history.replica() + " reports it ordered at offset " + offset));
		}
		List<String> notes = new ArrayList<>();
		if (!quiesced) {
			notes.add("Judged without quiescence: a replica still catching up shows as a loss; ask with ?quiesce=10");
		}
		if (!unreachable.isEmpty()) {
			notes.add("Not judged on unreachable replicas " + unreachable);
		}
		for (History history : histories) {
			Set<UUID> applied = history.effective().stream().map(AppliedRow::opId).collect(Collectors.toSet());
			List<UUID> missing = ordered.keySet().stream().filter((opId) -> !applied.contains(opId)).toList();
			if (!missing.isEmpty()) {
				UUID first = missing.get(0);
				String explanation = history.replica() + " has not applied " + missing.size() + " ordered op(s); the "
						+ "first is " + first + " (" + ordered.get(first) + "); " + history.replica() + " applied "
						+ applied.size() + " ops";
				return PropertyCheck.fails(NO_LOSS, meaning, Evidence.of(explanation, List.of(history.replica()),
						missing.stream().limit(MAX_LISTED).toList(), Map.of()), notes);
			}
		}
		List<String> unexamined = unexamined(histories);
		if (!unexamined.isEmpty()) {
			notes.addAll(unexamined);
			return PropertyCheck.unknown(NO_LOSS, meaning, notes);
		}
		return PropertyCheck.holds(NO_LOSS, meaning, notes);
	}

	/**
	 * After quiescence, every write a replica acknowledged as durable has been published:
	 * it was applied somewhere, carries an offset, or its origin reports it ordered. One
	 * still only in its origin's WAL and outbox is stuck.
	 */
	static PropertyCheck noUnpublishedWrite(List<History> histories, boolean quiesced) {
		String meaning = "After quiescence, every write acknowledged as durable has been published to the log";
		Set<UUID> published = new java.util.HashSet<>();
		for (History history : histories) {
			history.applied().forEach((row) -> published.add(row.opId()));
			history.wal()
				.stream()
				.filter((row) -> row.kafkaOffset() != null)
				.forEach((row) -> published.add(row.opId()));
			published.addAll(history.orderedAtOrigin().keySet());
		}
		Map<String, List<UUID>> stuck = new LinkedHashMap<>();
		for (History history : histories) {
			history.wal()
				.stream()
				.filter((row) -> row.source() == Source.CLIENT && !published.contains(row.opId()))
				.forEach((row) -> stuck.computeIfAbsent(history.replica(), (r) -> new ArrayList<>()).add(row.opId()));
		}
		List<String> notes = new ArrayList<>(unexamined(histories));
		if (stuck.isEmpty()) {
			return notes.isEmpty() ? PropertyCheck.holds(NO_UNPUBLISHED_WRITE, meaning, notes)
					: PropertyCheck.unknown(NO_UNPUBLISHED_WRITE, meaning, notes);
		}
		if (!quiesced) {
			notes.add(stuck.values().stream().mapToInt(List::size).sum()
					+ " durable write(s) not yet published; judged " + "only after quiescence: ask with ?quiesce=10");
			return PropertyCheck.unknown(NO_UNPUBLISHED_WRITE, meaning, notes);
		}
		if (!notes.isEmpty()) {
			return PropertyCheck.unknown(NO_UNPUBLISHED_WRITE, meaning, notes);
		}
		Map.Entry<String, List<UUID>> first = stuck.entrySet().iterator().next();
		String explanation = "After quiescence, " + first.getKey() + " holds " + first.getValue().size()
				+ " write(s) acknowledged as durable that no replica applied and nobody reports ordered; the first is "
				+ first.getValue().get(0) + " (is " + first.getKey() + " cut off from Kafka, or its relay stopped?)";
		return PropertyCheck.fails(NO_UNPUBLISHED_WRITE, meaning, Evidence.of(explanation, List.copyOf(stuck.keySet()),
				first.getValue().stream().limit(MAX_LISTED).toList(), Map.of()), List.of());
	}

	private static List<String> unexamined(List<History> histories) {
		return histories.stream()
			.filter((history) -> history.unexamined() > 0)
			.map((history) -> history.unexamined() + " op(s) " + history.replica() + " accepted were not looked up "
					+ "(over cluster.max-op-lookups): whether they were ordered is unknown")
			.toList();
	}

	/**
	 * Replicas that applied the same sequence have the same state digest. Only replicas
	 * with equally long applied sequences, read while their log stood still, can be
	 * compared.
	 */
	static PropertyCheck equalPrefixEqualState(List<History> histories) {
		String meaning = "Replicas that applied the same sequence of ops have equal state digests (checkable only "
				+ "between replicas whose applied sequences are equally long)";
		List<String> notes = new ArrayList<>();
		Map<Integer, List<History>> byLength = new TreeMap<>();
		for (History history : histories) {
			if (!history.stable()) {
				notes.add(history.replica() + "'s applied log grew while it was read: its digest was not compared");
				continue;
			}
			byLength.computeIfAbsent(history.effective().size(), (length) -> new ArrayList<>()).add(history);
		}
		for (Map.Entry<Integer, List<History>> group : byLength.entrySet()) {
			List<History> sameLength = group.getValue();
			if (sameLength.size() == 1 && byLength.size() > 1) {
				notes.add(sameLength.get(0).replica() + " (" + group.getKey()
						+ " ops) has no replica at the same length: not comparable");
			}
			for (int i = 0; i < sameLength.size(); i++) {
				for (int j = i + 1; j < sameLength.size(); j++) {
					History a = sameLength.get(i);
					History b = sameLength.get(j);
					if (!opIds(a).equals(opIds(b)) || Objects.equals(a.digest(), b.digest())) {
						continue;
					}
					Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
					states.put(a.replica(), a.entries());
					states.put(b.replica(), b.entries());
					String explanation = a.replica() + " and " + b.replica() + " applied the same " + group.getKey()
							+ " ops in the same order but their digests differ (" + a.digest() + " vs " + b.digest()
							+ ")";
					return PropertyCheck.fails(EQUAL_PREFIX_EQUAL_STATE, meaning,
							new Evidence(explanation, List.of(a.replica(), b.replica()), List.of(), Map.of(),
									StateComparison.differingKeys(states)),
							notes);
				}
			}
		}
		return PropertyCheck.holds(EQUAL_PREFIX_EQUAL_STATE, meaning, notes);
	}

	/**
	 * The longest common prefix of all applied sequences and what each replica has just
	 * after it.
	 */
	static Prefix commonPrefix(List<History> histories) {
		Map<String, List<AppliedRow>> sequences = new LinkedHashMap<>();
		histories.forEach((history) -> sequences.put(history.replica(), history.effective()));
		int shortest = sequences.values().stream().mapToInt(List::size).min().orElse(0);
		int longest = sequences.values().stream().mapToInt(List::size).max().orElse(0);
		int common = 0;
		while (common < shortest) {
			int index = common;
			if (sequences.values().stream().map((sequence) -> sequence.get(index).opId()).distinct().count() > 1) {
				break;
			}
			common++;
		}
		Map<String, Integer> lengths = new LinkedHashMap<>();
		sequences.forEach((replica, sequence) -> lengths.put(replica, sequence.size()));
		if (common == longest) {
			return new Prefix(common, null, null, lengths);
		}
		Map<String, String> next = new LinkedHashMap<>();
		int index = common;
		sequences.forEach((replica, sequence) -> next.put(replica,
				(index < sequence.size()) ? sequence.get(index).toString() : null));
		return new Prefix(common, common + 1, next, lengths);
	}

	/**
	 * @param length how many applied ops all replicas share, in the same order
	 * @param firstDifference the 1-based index in the applied sequences where they first
	 * differ, or {@code null}
	 * @param atFirstDifference replica -> {@code opId@position} at that index
	 * ({@code null}: it has applied no more)
	 * @param lengths replica -> length of its applied sequence
	 */
	record Prefix(int length, Integer firstDifference, Map<String, String> atFirstDifference,
			Map<String, Integer> lengths) {
	}

	private record Conflict(int index, History a, History b, AppliedRow opA, AppliedRow opB) {
	}

	private static Conflict firstConflict(List<History> histories) {
		Conflict first = null;
		for (int i = 0; i < histories.size(); i++) {
			for (int j = i + 1; j < histories.size(); j++) {
				List<AppliedRow> a = histories.get(i).effective();
				List<AppliedRow> b = histories.get(j).effective();
				int shared = Math.min(a.size(), b.size());
				for (int k = 0; k < shared; k++) {
					if (!a.get(k).opId().equals(b.get(k).opId())) {
						if (first == null || k < first.index()) {
							first = new Conflict(k, histories.get(i), histories.get(j), a.get(k), b.get(k));
						}
						break;
					}
				}
			}
		}
		return first;
	}

	private static List<UUID> opIds(History history) {
		return history.effective().stream().map(AppliedRow::opId).toList();
	}

	private static boolean isMember(String replica, List<History> histories, Collection<String> unreachable) {
		return unreachable.contains(replica) || histories.stream().anyMatch((h) -> h.replica().equals(replica));
	}

	private static List<String> unjudgedNotes(Set<String> unjudged) {
		return unjudged.isEmpty() ? List.of() : List.of("Ops whose origin is unreachable ("
				+ String.join(", ", unjudged) + ") and that no reachable WAL has from a client could not be judged");
	}

	private static Map<String, List<Long>> positions(String a, List<Long> atA, String b, List<Long> atB) {
		Map<String, List<Long>> positions = new LinkedHashMap<>();
		positions.put(a, atA);
		positions.put(b, atB);
		return positions;
	}

	private static String join(List<Long> positions) {
		return positions.stream().map(String::valueOf).collect(Collectors.joining(" and "));
	}

}
