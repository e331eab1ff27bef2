package io.replicationlab.story;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The report of a finished run, one column per mode: final states of the story's keys per
 * replica, order agreement (pairs of replicas with crossings in their applied orders),
 * how long the replicas were diverged, the writes answered 200 / 202 / refused under each
 * fault, latency, the cluster view's and verifier's verdicts at the end, and a conclusion
 * composed from those figures.
 */
final class StoryReport {

	private final LabCalls calls;

	private final Story story;

	private final String prefix;

	private final List<WriteRecord> writes;

	private final List<ReadRecord> reads;

	/** Per mode, per answering replica: the story's ops its applied log holds. */
	private final Map<String, Map<String, List<String>>> applied = new LinkedHashMap<>();

	private final Observer observer;

	private final Map<String, Map<String, Long>> startPositions;

	private final List<Map<String, Object>> steps;

	private final long millis;

	StoryReport(LabCalls calls, Story story, String prefix, List<WriteRecord> writes, List<ReadRecord> reads,
			Observer observer, Map<String, Map<String, Long>> startPositions, List<Map<String, Object>> steps,
			long millis) {
		this.calls = calls;
		this.story = story;
		this.prefix = prefix;
		this.writes = writes;
		this.reads = reads;
		this.observer = observer;
		this.startPositions = startPositions;
		this.steps = steps;
		this.millis = millis;
	}

	/**
	 * Per mode, per replica: the last position of its applied log (0 when it does not
	 * answer).
	 */
	static Map<String, Map<String, Long>> positions(LabCalls calls, List<String> modes) {
		Map<String, Map<String, Long>> positions = new LinkedHashMap<>();
		for (String mode : modes) {
			Map<String, Long> byReplica = new LinkedHashMap<>();
			for (String id : calls.replicaIds()) {
				LabCalls.Answer answer = calls.replica(id, "GET", "/api/" + mode + "/kv?asOf=0", null);
				byReplica.put(id, (answer.status() == 200) ? answer.json().path("lastPosition").asLong(0) : 0L);
			}
			positions.put(mode, byReplica);
		}
		return positions;
	}

	Map<String, Object> build() {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("story", this.story.name());
		report.put("title", this.story.title());
		report.put("description", this.story.description());
		report.put("keyPrefix", this.prefix);
		report.put("millis", this.millis);
		List<Map<String, Object>> skipped = this.steps.stream()
			.filter((step) -> !"done".equals(step.get("status")))
			.toList();
		report.put("complete", skipped.isEmpty());
		report.put("stepsNotDone", skipped);
		Map<String, Map<String, Long>> divergence = this.observer.figures();
		Map<String, Object> modes = new LinkedHashMap<>();
		for (String mode : this.story.modes()) {
			modes.put(mode, column(mode, divergence.get(mode)));
		}
		report.put("modes", modes);
		report.put("steps", this.steps);
		// every client operation, so that a checker can judge the run from the client's
		// side (StoryChecks does, in the tests)
		Map<String, Object> operations = new LinkedHashMap<>();
		operations.put("writes", this.writes);
		operations.put("reads", this.reads);
		report.put("operations", operations);
		return report;
	}

	private Map<String, Object> column(String mode, Map<String, Long> divergence) {
		Map<String, Object> column = new LinkedHashMap<>();
		Map<String, SortedMap<String, List<String>>> states = this.observer.snapshot(mode);
		Set<String> keys = new TreeSet<>();
		states.values().forEach((state) -> keys.addAll(state.keySet()));
		List<String> differing = keys.stream()
			.filter((key) -> states.values().stream().map((state) -> state.get(key)).distinct().count() > 1)
			.toList();
		long siblingKeys = keys.stream()
			.filter((key) -> states.values()
				.stream()
				.anyMatch((state) -> state.containsKey(key) && state.get(key).size() > 1))
			.count();
		List<String> unreachable = new ArrayList<>(this.calls.replicaIds());
		unreachable.removeAll(states.keySet());
		Map<String, Object> finalStates = new LinkedHashMap<>();
		finalStates.put("replicas", states);
		finalStates.put("unreachable", unreachable);
		finalStates.put("equal", differing.isEmpty() && unreachable.isEmpty());
		finalStates.put("keys", keys.size());
		finalStates.put("differingKeys", differing);
		finalStates.put("keysWithSiblings", siblingKeys);
		column.put("finalStates", finalStates);

		Map<String, Object> order = order(mode);
		column.put("orderAgreement", order);
		column.put("divergence", divergence);
		Map<String, Object> writes = WriteFigures.writes(this.writes, mode, this.applied.get(mode));
		column.put("writes", writes);
		column.put("latency", WriteFigures.latency(this.writes, mode));
		Map<String, Object> cluster = cluster(mode);
		column.put("cluster", cluster);
		String conclusion = conclusion(mode, finalStates, order, divergence, cluster);
		if (mode.equals("reconcile")) {
			Map<String, Object> lww = lww();
			column.put("lww", lww);
			@SuppressWarnings("unchecked")
			long discarded = ((Map<String, Long>) lww.get("discardedByReplica")).values()
				.stream()
				.mapToLong(Long::longValue)
				.max()
				.orElse(0);
			if (discarded > 0) {
				conclusion = conclusion.substring(0, conclusion.length() - 1) + "; last-writer-wins discarded "
						+ discarded + " of the story's writes (see the ledger).";
			}
		}
		int lost = (int) writes.get("acknowledgedLost");
		if (lost > 0) {
			conclusion = conclusion.substring(0, conclusion.length() - 1) + "; " + lost
					+ " acknowledged write(s) missing from the applied logs.";
		}
		column.put("conclusion", conclusion);
		return column;
	}

	private Map<String, Object> order(String mode) {
		Map<String, List<String>> sequences = new LinkedHashMap<>();
		long duplicates = 0;
		for (String id : this.calls.replicaIds()) {
			long after = this.startPositions.get(mode).getOrDefault(id, 0L);
			LinkedHashSet<String> sequence = new LinkedHashSet<>();
			boolean answered = true;
			while (true) {
				LabCalls.Answer page = this.calls.replica(id, "GET",
						"/api/replica/applied?mode=" + mode + "&after=" + after + "&limit=1000", null);
				if (page.status() != 200) {
					answered = false;
					break;
				}
				JsonNode rows = page.json();
				if (rows.isEmpty()) {
					break;
				}
				for (JsonNode row : rows) {
					after = row.path("position").asLong();
					if (!row.path("key").asString("").startsWith(this.prefix)) {
						continue;
					}
					String outcome = row.path("outcome").asString("");
					if (outcome.equals("DUPLICATE")) {
						duplicates++;
					}
					else if (!outcome.equals("REJECTED")) {
						sequence.add(row.path("opId").asString());
					}
				}
			}
			if (answered) {
				sequences.put(id, new ArrayList<>(sequence));
			}
		}
		this.applied.put(mode, sequences);
		List<Map<String, Object>> pairs = new ArrayList<>();
		List<String> ids = new ArrayList<>(sequences.keySet());
		int crossingPairs = 0;
		for (int i = 0; i < ids.size(); i++) {
			for (int j = i + 1; j < ids.size(); j++) {
				List<String> a = sequences.get(ids.get(i));
				List<String> b = sequences.get(ids.get(j));
				List<Integer> inB = new ArrayList<>();
				a.stream().filter(b::contains).forEach((op) -> inB.add(b.indexOf(op)));
				long crossings = 0;
				for (int x = 0; x < inB.size(); x++) {
					for (int y = x + 1; y < inB.size(); y++) {
						if (inB.get(x) > inB.get(y)) {
							crossings++;
						}
					}
				}
				crossingPairs += (crossings > 0) ? 1 : 0;
				Map<String, Object> pair = new LinkedHashMap<>();
				pair.put("replicas", List.of(ids.get(i), ids.get(j)));
				pair.put("commonOps", inB.size());
				pair.put("crossings", crossings);
				pairs.add(pair);
			}
		}
		Map<String, Object> order = new LinkedHashMap<>();
		Map<String, Integer> applied = new LinkedHashMap<>();
		sequences.forEach((id, sequence) -> applied.put(id, sequence.size()));
		order.put("appliedOps", applied);
		order.put("pairs", pairs);
		order.put("pairsWithCrossings", crossingPairs);
		order.put("duplicatesSkipped", duplicates);
		return order;
	}

	/**
	 * What {@code /api/cluster?mode=} and {@code /api/cluster/verify?mode=} say at the
	 * end, through the first replica that answers.
	 */
	private Map<String, Object> cluster(String mode) {
		Map<String, Object> cluster = new LinkedHashMap<>();
		for (String id : this.calls.replicaIds()) {
			LabCalls.Answer view = this.calls.replica(id, "GET", "/api/cluster?mode=" + mode, null);
			LabCalls.Answer verify = this.calls.replica(id, "GET", "/api/cluster/verify?mode=" + mode, null);
			if (view.status() == 200 && verify.status() == 200) {
				cluster.put("observedBy", id);
				cluster.put("diverged", view.json().path("diverged").asBoolean());
				cluster.put("unreachable", view.json().path("unreachable"));
				cluster.put("verifyHolds", verify.json().path("holds").asBoolean());
				Map<String, Boolean> properties = new LinkedHashMap<>();
				verify.json()
					.path("properties")
					.forEach((p) -> properties.put(p.path("property").asString(), p.path("holds").asBoolean()));
				cluster.put("properties", properties);
				return cluster;
			}
		}
		cluster.put("observedBy", null);
		return cluster;
	}

	/**
	 * The conflict policy and, per replica, the story's writes last-writer-wins discarded
	 * (its ledger).
	 */
	private Map<String, Object> lww() {
		Map<String, Object> lww = new LinkedHashMap<>();
		Map<String, Long> discarded = new LinkedHashMap<>();
		List<JsonNode> entries = new ArrayList<>();
		for (String id : this.calls.replicaIds()) {
			LabCalls.Answer ledger = this.calls.replica(id, "GET", "/api/reconcile/lww-ledger", null);
			if (ledger.status() != 200) {
				continue;
			}
			lww.putIfAbsent("conflictPolicy", ledger.json().path("conflictPolicy").asString());
			long mine = 0;
			for (JsonNode entry : ledger.json().path("entries")) {
				if (entry.path("key").asString("").startsWith(this.prefix)) {
					mine++;
					if (entries.size() < 20 && discarded.isEmpty()) {
						entries.add(entry);
					}
				}
			}
			discarded.put(id, mine);
		}
		lww.put("discardedByReplica", discarded);
		lww.put("ledger", entries);
		return lww;
	}

	static String conclusion(String mode, Map<String, Object> finalStates, Map<String, Object> order,
			Map<String, Long> divergence, Map<String, Object> cluster) {
		return Conclusion.of(mode, finalStates, order, divergence, cluster);
	}

}
