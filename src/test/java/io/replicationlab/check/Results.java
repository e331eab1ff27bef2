package io.replicationlab.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code results.json} holds: verdicts per mode and anomaly, the seed, the faults,
 * counts and latencies.
 */
final class Results {

	private Results() {
	}

	static Map<String, Object> of(String run, long seed, Map<String, String> options, Instant startedAt,
			List<Event> events, List<Anomalies> anomalies, List<Nemesis.Applied> faults, double quietSeconds) {
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("run", run);
		results.put("seed", seed);
		results.put("options", options);
		results.put("startedAt", startedAt.toString());
		String valid = "true";
		Map<String, Object> modes = new LinkedHashMap<>();
		for (Anomalies found : anomalies) {
			Map<String, Object> mode = new LinkedHashMap<>();
			mode.put("valid", found.valid());
			mode.put("anomalies", found.found());
			mode.put("unknown", found.unknownReasons());
			modes.put(found.mode(), mode);
			if ("false".equals(found.valid())) {
				valid = "false";
			}
			else if ("unknown".equals(found.valid()) && "true".equals(valid)) {
				valid = "unknown";
			}
		}
		results.put("valid", valid);
		results.put("modes", modes);
		results.put("faults", faults);
		results.put("faultKinds",
				faults.stream().filter((f) -> f.problem() == null).map(Nemesis.Applied::kind).distinct().toList());
		results.put("quiescenceSeconds", quietSeconds);
		results.put("operations", counts(events));
		results.put("latencyMillis", latencies(events));
		return results;
	}

	/** Per mode, per f and outcome: how many operations completed so. */
	static Map<String, Map<String, Integer>> counts(List<Event> events) {
		Map<String, Map<String, Integer>> counts = new TreeMap<>();
		for (Event event : events) {
			if (!event.invoke()) {
				counts.computeIfAbsent(event.mode(), (m) -> new TreeMap<>())
					.merge(event.f() + " " + event.type(), 1, Integer::sum);
				counts.computeIfAbsent("all", (m) -> new TreeMap<>()).merge("total", 1, Integer::sum);
			}
		}
		return counts;
	}

	/**
	 * Per mode and f: median, p99 and max of completed (ok/durable) operations,
	 * milliseconds.
	 */
	static Map<String, Map<String, Double>> latencies(List<Event> events) {
		Map<Integer, Event> open = new HashMap<>();
		Map<String, List<Long>> samples = new TreeMap<>();
		for (Event event : events) {
			if (event.invoke()) {
				open.put(event.process(), event);
				continue;
			}
			Event invoke = open.remove(event.process());
			if (invoke != null && (event.acknowledged())) {
				samples.computeIfAbsent(event.mode() + " " + event.f(), (k) -> new ArrayList<>())
					.add(event.nanos() - invoke.nanos());
			}
		}
		Map<String, Map<String, Double>> latencies = new TreeMap<>();
		samples.forEach((what, list) -> {
			list.sort(null);
			Map<String, Double> figures = new LinkedHashMap<>();
			figures.put("p50", list.get(list.size() / 2) / 1e6);
			figures.put("p99", list.get(Math.min(list.size() - 1, (int) (list.size() * 0.99))) / 1e6);
			figures.put("max", list.get(list.size() - 1) / 1e6);
			latencies.put(what, figures);
		});
		return latencies;
	}

	static int total(Map<String, Object> results) {
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Integer>> counts = (Map<String, Map<String, Integer>>) results.get("operations");
		return counts.getOrDefault("all", Map.of()).getOrDefault("total", 0);
	}

}
