package io.replicationlab.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one mode's checker found: per named anomaly, a count and up to ten examples, each
 * with the history lines it concerns. {@code unknown} when the checker could not see
 * enough (a replica that never answered).
 */
final class Anomalies {

	static final int EXAMPLES = 10;

	/** Every name a checker may report, so that results list each with 0 as well. */
	static final Map<String, List<String>> NAMES = Map.of("total-order",
			List.of("lost", "duplicate", "divergent-order", "fabricated", "partial", "state-mismatch", "stale-read",
					"nonmonotonic-read"),
			"reconcile", List.of("lost-update", "not-converged", "state-mismatch", "lww-lost-causal-write"), "local",
			List.of("lost", "state-mismatch"));

	record Example(String text, List<Integer> lines) {
	}

	record Found(int count, List<Example> examples) {
	}

	private final String mode;

	private final Map<String, Integer> counts = new LinkedHashMap<>();

	private final Map<String, List<Example>> examples = new LinkedHashMap<>();

	private final List<String> unknown = new ArrayList<>();

	Anomalies(String mode) {
		this.mode = mode;
		for (String name : NAMES.getOrDefault(mode, List.of())) {
			this.counts.put(name, 0);
			this.examples.put(name, new ArrayList<>());
		}
	}

	void add(String name, String text, List<Integer> lines) {
		this.counts.merge(name, 1, Integer::sum);
		List<Example> list = this.examples.computeIfAbsent(name, (n) -> new ArrayList<>());
		if (list.size() < EXAMPLES) {
			list.add(new Example(text, List.copyOf(lines)));
		}
	}

	void unknown(String why) {
		this.unknown.add(why);
	}

	String mode() {
		return this.mode;
	}

	int count(String name) {
		return this.counts.getOrDefault(name, 0);
	}

	int total() {
		return this.counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	/**
	 * {@code true}, {@code false} or {@code unknown} (nothing found, but not everything
	 * seen).
	 */
	String valid() {
		if (total() > 0) {
			return "false";
		}
		return this.unknown.isEmpty() ? "true" : "unknown";
	}

	List<String> unknownReasons() {
		return this.unknown;
	}

	Map<String, Found> found() {
		Map<String, Found> found = new LinkedHashMap<>();
		this.counts.forEach((name, count) -> found.put(name, new Found(count, this.examples.get(name))));
		return found;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.mode + ": valid=" + valid());
		this.counts.forEach((name, count) -> {
			if (count > 0) {
				text.append(", ").append(name).append('=').append(count);
			}
		});
		return text.toString();
	}

}
