package io.replicationlab.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * {@code local} promises durability, not consistency: each replica keeps its own history, so states that differ are
 * the expected outcome, not a violation. The check reports how they differ. Pure.
 */
final class LocalChecks {

	static final String EXPECTED_DIVERGENCE = "expected-divergence";

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
				? "Expected divergence: none observed, the " + histories.size() + " reachable replicas have equal states"
				: "Expected divergence: the reachable replicas are in " + distinct + " different states (digests "
						+ digests.entrySet()
							.stream()
							.map((digest) -> digest.getKey() + " " + digest.getValue())
							.collect(Collectors.joining(", "))
						+ "), " + StateComparison.countDifferingKeys(states) + " key(s) differ";
		Evidence observed = new Evidence(explanation, List.copyOf(states.keySet()), List.of(), Map.of(),
				StateComparison.differingKeys(states));
		return List.of(new PropertyCheck(EXPECTED_DIVERGENCE, true, meaning, null, observed, List.of()));
	}

}
