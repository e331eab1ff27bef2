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

	private final List<StepView> steps;

	private final long millis;

	StoryReport(LabCalls calls, Story story, String prefix, List<WriteRecord> writes, List<ReadRecord> reads,
			Observer observer, Map<String, Map<String, Long>> startPositions, List<StepView> steps, long millis) {
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

	Report build() {
		List<StepView> notDone = this.steps.stream().filter((step) -> !step.done()).toList();
		Map<String, Report.Divergence> divergence = this.observer.figures();
		Map<String, Report.Column> modes = new LinkedHashMap<>();
		for (String mode : this.story.modes()) {
			modes.put(mode, column(mode, divergence.get(mode)));
		}
		return new Report(this.story.name(), this.story.title(), this.story.description(), this.prefix, this.millis,
				notDone.isEmpty(), notDone, modes, this.steps, new Report.Operations(this.writes, this.reads));
	}

	private Report.Column column(String mode, Report.Divergence divergence) {
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
		Report.FinalStates finalStates = new Report.FinalStates(states, unreachable,
				differing.isEmpty() && unreachable.isEmpty(), keys.size(), differing, siblingKeys);
		Report.OrderAgreement order = order(mode);
		Report.Writes writes = WriteFigures.writes(this.writes, mode, this.applied.get(mode));
		Report.Cluster cluster = cluster(mode);
		String conclusion = Conclusion.of(mode, finalStates, order, divergence, cluster);
		Report.Lww lww = null;
		if (mode.equals("reconcile")) {
			lww = lww();
			long discarded = lww.discardedByReplica().values().stream().mapToLong(Long::longValue).max().orElse(0);
			if (discarded > 0) {
				conclusion = conclusion.substring(0, conclusion.length() - 1) + "; last-writer-wins discarded "
						+ discarded + " of the story's writes (see the ledger).";
			}
		}
		if (writes.acknowledgedLost() > 0) {
			conclusion = conclusion.substring(0, conclusion.length() - 1) + "; " + writes.acknowledgedLost()
					+ " acknowledged write(s) missing from the applied logs.";
		}
		return new Report.Column(finalStates, order, divergence, writes, WriteFigures.latency(this.writes, mode),
				cluster, lww, conclusion);
	}

	private Report.OrderAgreement order(String mode) {
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
		List<Report.OrderAgreement.Pair> pairs = new ArrayList<>();
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
				pairs.add(new Report.OrderAgreement.Pair(List.of(ids.get(i), ids.get(j)), inB.size(), crossings));
			}
		}
		Map<String, Integer> applied = new LinkedHashMap<>();
		sequences.forEach((id, sequence) -> applied.put(id, sequence.size()));
		return new Report.OrderAgreement(applied, pairs, crossingPairs, duplicates);
	}

	/**
	 * What {@code /api/cluster?mode=} and {@code /api/cluster/verify?mode=} say at the
	 * end, through the first replica that answers.
	 */
	private Report.Cluster cluster(String mode) {
		for (String id : this.calls.replicaIds()) {
			LabCalls.Answer view = this.calls.replica(id, "GET", "/api/cluster?mode=" + mode, null);
			LabCalls.Answer verify = this.calls.replica(id, "GET", "/api/cluster/verify?mode=" + mode, null);
			if (view.status() == 200 && verify.status() == 200) {
				List<String> unreachable = new ArrayList<>();
				view.json().path("unreachable").forEach((replica) -> unreachable.add(replica.asString()));
				Map<String, Boolean> properties = new LinkedHashMap<>();
				verify.json()
					.path("properties")
					.forEach((p) -> properties.put(p.path("property").asString(), p.path("holds").asBoolean()));
				return new Report.Cluster(id, view.json().path("diverged").asBoolean(), unreachable,
						verify.json().path("holds").asBoolean(), properties);
			}
		}
		return Report.Cluster.UNOBSERVED;
	}

	/**
	 * The conflict policy and, per replica, the story's writes last-writer-wins discarded
	 * (its ledger).
	 */
	private Report.Lww lww() {
		String conflictPolicy = null;
		Map<String, Long> discarded = new LinkedHashMap<>();
		List<JsonNode> entries = new ArrayList<>();
		for (String id : this.calls.replicaIds()) {
			LabCalls.Answer ledger = this.calls.replica(id, "GET", "/api/reconcile/lww-ledger", null);
			if (ledger.status() != 200) {
				continue;
			}
			if (conflictPolicy == null) {
				conflictPolicy = ledger.json().path("conflictPolicy").asString();
			}
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
		return new Report.Lww(conflictPolicy, discarded, entries);
	}

}
