package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code local} promises durability, not consistency: each replica keeps its own history,
 * so states that differ are the expected outcome, not a violation. The check reports how
 * they differ. Pure.
 */
final class LocalChecks {

	static final String EXPECTED_DIVERGENCE = "expected-divergence";

	static final String STATE_MATCHES_WAL = "state-matches-wal";

	private LocalChecks() {
	}

	static List<PropertyCheck> check(List<History> histories) {
		String meaning = "local replicates nothing: replicas that accepted different writes are expected to differ "
				+ "(this always holds; 'observed' shows how they differ)";
		Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
		Map<String, String> digests = new LinkedHashMap<>();
		histories.forEach((history) -> {
			states.put(history.replica(), history.entries());
			digests.put(history.replica(), history.digest());
		});
		long distinct = digests.values().stream().distinct().count();
		String explanation = (distinct <= 1)
				? "Expected divergence: none observed, the " + histories.size()
						+ " reachable replicas have equal states"
				: "Expected divergence: the reachable replicas are in " + distinct + " different states (digests "
						+ digests.entrySet()
							.stream()
							.map((digest) -> digest.getKey() + " " + digest.getValue())
							.collect(Collectors.joining(", "))
						+ "), " + StateComparison.countDifferingKeys(states) + " key(s) differ";
		Evidence observed = new Evidence(explanation, List.copyOf(states.keySet()), List.of(), Map.of(),
				StateComparison.differingKeys(states));
		return List.of(new PropertyCheck(EXPECTED_DIVERGENCE, PropertyCheck.HOLDS, meaning, null, observed, List.of()),
				stateMatchesWal(histories));
	}

	/**
	 * Each replica's state equals a replay of its own WAL in local order (a write sets
	 * its key, a delete removes it): durability is the one promise {@code local} makes,
	 * and the WAL is where it is kept.
	 */
	static PropertyCheck stateMatchesWal(List<History> histories) {
		String meaning = "Each replica's state equals a replay of its own WAL, in local order";
		List<String> notes = new ArrayList<>();
		for (History history : histories) {
			if (!history.stable()) {
				notes.add(history.replica() + " was written to while it was read: its replay was not compared");
				continue;
			}
			SortedMap<String, List<String>> replayed = new TreeMap<>();
			history.wal().stream().sorted(Comparator.comparingLong(WalRow::lsn)).forEach((row) -> {
				if (row.value() != null) {
					replayed.put(row.key(), List.of(row.value()));
				}
				else {
					replayed.remove(row.key());
				}
			});
			if (!replayed.equals(history.entries())) {
				Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
				states.put(history.replica(), history.entries());
				states.put(history.replica() + " (WAL replay)", replayed);
				String explanation = history.replica() + "'s state differs from a replay of its " + history.wal().size()
						+ " WAL rows in " + StateComparison.countDifferingKeys(states) + " key(s)";
				return PropertyCheck.fails(STATE_MATCHES_WAL, meaning, new Evidence(explanation,
						List.of(history.replica()), List.of(), Map.of(), StateComparison.differingKeys(states)), notes);
			}
		}
		return notes.isEmpty() ? PropertyCheck.holds(STATE_MATCHES_WAL, meaning, notes)
				: PropertyCheck.unknown(STATE_MATCHES_WAL, meaning, notes);
	}

}
