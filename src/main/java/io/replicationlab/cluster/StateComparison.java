package io.replicationlab.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/** Compares replicas' states key by key. Pure. */
final class StateComparison {

	/** At most this many differing keys are listed; the count says how many there are. */
	static final int MAX_KEYS = 50;

	private StateComparison() {
	}

	/**
	 * The keys whose live values are not the same on every replica given, each with every
	 * replica's values (an empty list where the key is absent), at most {@link #MAX_KEYS}
	 * of them in key order.
	 * @param states replica -> its entries, in the order the replicas should be listed
	 */
	static SortedMap<String, Map<String, List<String>>> differingKeys(
			Map<String, SortedMap<String, List<String>>> states) {
		SortedMap<String, Map<String, List<String>>> differing = new TreeMap<>();
		for (String key : allKeys(states)) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			states.forEach((replica, entries) -> values.put(replica, sorted(entries.getOrDefault(key, List.of()))));
			if (values.values().stream().distinct().count() > 1) {
				differing.put(key, values);
				if (differing.size() == MAX_KEYS) {
					break;
				}
			}
		}
		return differing;
	}

	/** How many keys differ, without the cap of {@link #differingKeys}. */
	static int countDifferingKeys(Map<String, SortedMap<String, List<String>>> states) {
		int count = 0;
		for (String key : allKeys(states)) {
			if (states.values()
				.stream()
				.map((entries) -> sorted(entries.getOrDefault(key, List.of())))
				.distinct()
				.count() > 1) {
				count++;
			}
		}
		return count;
	}

	private static TreeSet<String> allKeys(Map<String, SortedMap<String, List<String>>> states) {
		TreeSet<String> keys = new TreeSet<>();
		states.values().forEach((entries) -> keys.addAll(entries.keySet()));
		return keys;
	}

	private static List<String> sorted(List<String> values) {
		return values.stream().sorted().toList();
	}

}
