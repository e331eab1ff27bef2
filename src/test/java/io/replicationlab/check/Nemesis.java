package io.replicationlab.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import io.replicationlab.testing.Http;

/**
 * The faults, drawn from the seed before the run (so that a seed replays the same
 * schedule): one at a time, each a kind, a target and a start and end (seconds into the
 * run), with a gap between. It acts through the lab's HTTP controls and the partition
 * API, and records when each fault really began and ended.
 */
final class Nemesis {

	static final List<String> KINDS = List.of("kill", "pause", "broker-kill", "broker-stop", "partition", "kafka-cut",
			"clock-skew");

	/**
	 * Asymmetric partitions (A reaches B, B does not reach A) as directed links of
	 * {@code POST /api/cluster/partition} ({@code "links": [{"from", "to"}]}); on by
	 * default, {@code --asymmetric=false} sends every partition as groups (see
	 * {@link #partitionBody}).
	 */
	private final boolean asymmetric;

	record Fault(String kind, String target, double start, double end, String detail) {
	}

	/**
	 * What happened: the planned fault and the real times (seconds since the run began),
	 * and any refusal.
	 */
	record Applied(String kind, String target, String detail, double began, double ended, String problem) {
	}

	private final List<Fault> schedule;

	private final LabControl lab;

	private final History history;

	private final Consumer<String> say;

	private final List<Applied> applied = new ArrayList<>();

	Nemesis(List<Fault> schedule, LabControl lab, History history, boolean asymmetric, Consumer<String> say) {
		this.schedule = schedule;
		this.lab = lab;
		this.history = history;
		this.asymmetric = asymmetric;
		this.say = say;
	}

	/**
	 * The schedule of faults of the given kinds within the first {@code seconds} (the
	 * last seconds stay calm).
	 */
	static List<Fault> plan(long seed, List<String> kinds, List<String> replicaIds, double seconds) {
		Random random = new Random(seed ^ 0x5DEECE66DL);
		List<Fault> faults = new ArrayList<>();
		if (kinds.isEmpty()) {
			return faults;
		}
		double t = 2 + random.nextDouble() * 2;
		int turn = random.nextInt(kinds.size());
		while (true) {
			String kind = kinds.get(turn++ % kinds.size());
			double length = 2 + random.nextDouble() * 4;
			if (t + length > seconds - 3) {
				break;
			}
			String target = replicaIds.get(random.nextInt(replicaIds.size()));
			String detail = switch (kind) {
				case "clock-skew" -> Long.toString((random.nextBoolean() ? 1 : -1) * (30_000 + random.nextInt(60_000)));
				case "partition" -> (random.nextBoolean() ? "symmetric" : "asymmetric");
				default -> "";
			};
			faults.add(
					new Fault(kind, kind.startsWith("broker") ? "kafka" : target, round(t), round(t + length), detail));
			t += length + 1 + random.nextDouble() * 2;
		}
		return faults;
	}

	static double round(double seconds) {
		return Math.round(seconds * 10) / 10.0;
	}

	/** Runs the schedule; returns when the last fault has been healed. */
	void run(long startNanos, double seconds) {
		for (Fault fault : this.schedule) {
			waitUntil(startNanos, fault.start());
			double began = seconds(startNanos);
			if (began > seconds - 3) {
				// a slow restart delayed the schedule past the clients' end: a fault
				// nobody sees is no test
				this.say.accept(String.format("%6.1f s  %s %s skipped: the clients have stopped", began, fault.kind(),
						fault.target()));
				continue;
			}
			String problem = begin(fault);
			if (problem != null && tookEffect(fault)) {
				// the answer was lost, not the fault (a kill of r3 whose answer never
				// came
				// left r3 down for good: never started again, no quiescence, verdict
				// unknown)
				this.say.accept(String.format("%6.1f s  %s %s: the answer was lost (%s) but it took effect", began,
						fault.kind(), fault.target(), problem));
				problem = null;
			}
			this.say.accept(String.format("%6.1f s  %s %s %s%s", began, fault.kind(), fault.target(), fault.detail(),
					(problem != null) ? " (" + problem + ")" : ""));
			// late (after a slow restart): the fault still lasts as long as planned
			waitUntil(startNanos, began + fault.end() - fault.start());
			String healProblem = (problem == null) ? end(fault) : null;
			double ended = seconds(startNanos);
			synchronized (this.applied) {
				this.applied.add(new Applied(fault.kind(), fault.target(), fault.detail(), began, ended,
						(problem != null) ? problem : healProblem));
			}
		}
	}

	List<Applied> applied() {
		synchronized (this.applied) {
			return List.copyOf(this.applied);
		}
	}

	private String begin(Fault fault) {
		String r = fault.target();
		return switch (fault.kind()) {
			case "kill" -> this.lab.post("/api/lab/replicas/" + r + "/kill", null);
			case "pause" -> this.lab.post("/api/lab/replicas/" + r + "/pause", null);
			case "broker-kill" -> this.lab.post("/api/lab/kafka/kill", null);
			case "broker-stop" -> this.lab.post("/api/lab/kafka/stop", null);
			case "partition" -> this.lab.partition(r, partitionBody(r, fault.detail()));
			case "kafka-cut" -> this.lab.partition(r, kafkaCutBody(r));
			case "clock-skew" ->
				this.lab.put("/api/lab/replicas/" + r + "/clock-offset", "{\"offsetMillis\":" + fault.detail() + "}");
			default -> "unknown fault " + fault.kind();
		};
	}

	/**
	 * Whether a fault whose control answered badly happened anyway: the process it stops
	 * or pauses is no longer running.
	 */
	private boolean tookEffect(Fault fault) {
		String expected = switch (fault.kind()) {
			case "kill", "broker-kill", "broker-stop" -> "stopped";
			case "pause" -> "paused";
			default -> null;
		};
		return expected != null && expected.equals(this.lab.state(fault.target()));
	}

	private String end(Fault fault) {
		String r = fault.target();
		return switch (fault.kind()) {
			case "kill" -> this.lab.startAndAwait(r);
			case "pause" -> this.lab.post("/api/lab/replicas/" + r + "/resume", null);
			case "broker-kill", "broker-stop" -> this.lab.startAndAwait("kafka");
			case "partition", "kafka-cut" -> this.lab.heal(r);
			case "clock-skew" -> this.lab.put("/api/lab/replicas/" + r + "/clock-offset", "{\"offsetMillis\":0}");
			default -> null;
		};
	}

	/**
	 * {@code target} alone on one side. Symmetric: the groups API. Asymmetric (when
	 * switched on): the other replicas still reach the target, the target reaches none of
	 * them; the body here is the adapter to the partition API's directed links.
	 */
	Map<String, Object> partitionBody(String target, String detail) {
		List<String> others = this.lab.replicaIds().stream().filter((id) -> !id.equals(target)).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.asymmetric && "asymmetric".equals(detail)) {
			List<Map<String, String>> cut = new ArrayList<>();
			others.forEach((other) -> cut.add(Map.of("from", target, "to", other)));
			body.put("links", cut);
		}
		else {
			body.put("groups", List.of(List.of(target), others));
		}
		return body;
	}

	private Map<String, Object> kafkaCutBody(String target) {
		List<String> others = this.lab.replicaIds().stream().filter((id) -> !id.equals(target)).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("groups", List.of(this.lab.replicaIds()));
		body.put("kafka", others);
		return body;
	}

	private double seconds(long startNanos) {
		return round((this.history.now() - startNanos) / 1e9);
	}

	private void waitUntil(long startNanos, double seconds) {
		long wait = startNanos + (long) (seconds * 1e9) - this.history.now();
		if (wait > 0) {
			Workload.sleepNanos(wait);
		}
	}

	/**
	 * The lab's controls and the cluster API, reached through the supervisor or any
	 * replica that answers.
	 */
	interface LabControl {

		List<String> replicaIds();

		/** null when done, else why not. */
		String post(String path, String body);

		String put(String path, String body);

		String partition(String target, Map<String, Object> body);

		String heal(String target);

		String startAndAwait(String id);

		/**
		 * The lab's state of a process ({@code running}, {@code stopped}, ...) or
		 * {@code unknown}.
		 */
		String state(String id);

		static String problem(Http.Response response) {
			int status = response.status();
			return (status >= 200 && status < 300) ? null
					: "HTTP " + status + " " + response.body().replaceAll("\\s+", " ");
		}

		static Duration timeout() {
			return Duration.ofSeconds(60);
		}

	}

}
