package io.replicationlab.story;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays a story's steps in order against the lab: each write step sends its writes in every mode of the story at once,
 * each fault step changes the lab for every mode at once. A step the lab cannot perform (a control it lacks) is
 * reported {@code unsupported} and the story goes on; the report says so.
 */
final class StoryRunner {

	/** How a pitfall switched on by a step is named among the faults in force. */
	private static final String PITFALL_FAULT = "pitfall ";

	private final LabCalls calls;

	private final StoryRun run;

	private final String prefix;

	private final List<WriteRecord> writes = Collections.synchronizedList(new ArrayList<>());

	private final Set<String> faults = Collections.synchronizedSet(new TreeSet<>());

	private final Map<String, UUID> opIds = new HashMap<>();

	/** Per mode, the keys a write answered 2xx left with a value: a settled replica holds every one of them. */
	private final Map<String, Set<String>> expectedKeys = new java.util.concurrent.ConcurrentHashMap<>();

	StoryRunner(LabCalls calls, StoryRun run) {
		this.calls = calls;
		this.run = run;
		this.prefix = "s" + run.id() + ".";
	}

	String prefix() {
		return this.prefix;
	}

	void run() {
		Story story = this.run.story();
		Observer observer = new Observer(this.calls, story.modes(), this.prefix);
		Map<String, Map<String, Long>> startPositions = StoryReport.positions(this.calls, story.modes());
		long began = System.nanoTime();
		observer.start(250);
		ExecutorService pool = Executors.newFixedThreadPool(12, (task) -> {
			Thread thread = new Thread(task, "story-write");
			thread.setDaemon(true);
			return thread;
		});
		try {
			for (Story.Step step : story.steps()) {
				this.run.stepStarted(step.index());
				long stepBegan = System.nanoTime();
				Map<String, Object> result = new LinkedHashMap<>();
				String[] outcome = play(step, result, pool);
				this.run.stepEnded(step.index(), outcome[0], outcome[1], (System.nanoTime() - stepBegan) / 1_000_000,
						result);
			}
		}
		finally {
			switchOffPitfalls();
			observer.stop();
			pool.shutdownNow();
		}
		long millis = (System.nanoTime() - began) / 1_000_000;
		this.run.finished(new StoryReport(this.calls, story, this.prefix, List.copyOf(this.writes), observer,
				startPositions, this.run.stepsView(), millis).build());
	}

	/**
	 * A story leaves no pitfall behind: whatever it switched on and did not switch off (it failed half-way, or its
	 * author forgot) is switched off once it ends, so that the lab is sound again for the next story or check.
	 */
	private void switchOffPitfalls() {
		for (String fault : List.copyOf(this.faults)) {
			if (fault.startsWith(PITFALL_FAULT)) {
				String pitfall = fault.substring(PITFALL_FAULT.length());
				this.calls.lab("PUT", "/api/lab/pitfalls/" + pitfall, "{\"enabled\":false}");
				this.faults.remove(fault);
			}
		}
	}

	/** Plays one step; answers {status, detail}. */
	private String[] play(Story.Step step, Map<String, Object> result, ExecutorService pool) {
		switch (step.action()) {
			case WRITE:
				return write(step, result, pool);
			case READ:
				for (String mode : this.run.story().modes()) {
					LabCalls.Answer answer = this.calls.replica(step.replica(), "GET",
							"/api/" + mode + "/kv/" + this.prefix + step.key(), null);
					result.put(mode, (answer.status() == 200) ? answer.json().path("values")
							: (answer.status() == 404) ? "absent" : "no answer (" + answer.status() + ")");
				}
				return done("read " + step.key() + " on " + step.replica());
			case PARTITION: {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("groups", step.groups());
				if (step.kafka() != null) {
					body.put("kafka", step.kafka());
				}
				return cluster("POST", body, "partition", "cut into " + step.groups());
			}
			case KAFKA_CUT: {
				List<String> reach = new ArrayList<>(this.calls.replicaIds());
				reach.removeAll(step.replicas());
				return cluster("POST", Map.of("groups", List.of(this.calls.replicaIds()), "kafka", reach), "kafka-cut",
						step.replicas() + " cut off from Kafka");
			}
			case HEAL:
				return cluster("DELETE", null, null, "healed");
			case KILL:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/kill", null, step.replica() + " down", null);
			case RESTART: {
				String[] started = lab("POST", "/api/lab/replicas/" + step.replica() + "/start", null, null,
						step.replica() + " down");
				if (!started[0].equals("done")) {
					return started;
				}
				boolean up = until(step.duration(), () -> this.calls
					.replica(step.replica(), "GET", "/actuator/health/readiness", null).status() == 200);
				return up ? done(step.replica() + " is back and ready")
						: new String[] { "failed", step.replica() + " not ready after " + step.duration().toSeconds() + " s" };
			}
			case PAUSE:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/pause", null, step.replica() + " paused", null);
			case RESUME:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/resume", null, null, step.replica() + " paused");
			case BROKER_STOP:
				return lab("POST", "/api/lab/kafka/stop", null, "broker stopped", null);
			case BROKER_START: {
				String[] started = lab("POST", "/api/lab/kafka/start", null, null, "broker stopped");
				if (!started[0].equals("done")) {
					return started;
				}
				boolean up = until(step.duration(), () -> {
					LabCalls.Answer lab = this.calls.lab("GET", "/api/lab", null);
					for (tools.jackson.databind.JsonNode process : lab.json().path("processes")) {
						if (process.path("kind").asString("").equals("kafka")) {
							return process.path("state").asString("").equals("running");
						}
					}
					return false;
				});
				return up ? done("broker running") : new String[] { "failed", "broker not running after " + step.duration() };
			}
			case CLOCK_SKEW: {
				String fault = step.replica() + " clock " + step.duration();
				this.faults.removeIf((f) -> f.startsWith(step.replica() + " clock "));
				return lab("PUT", "/api/lab/replicas/" + step.replica() + "/clock-offset",
						"{\"offsetMillis\":" + step.duration().toMillis() + "}", step.duration().isZero() ? null : fault, null);
			}
			case PITFALL:
				return lab("PUT", "/api/lab/pitfalls/" + step.pitfall(), "{\"enabled\":" + step.enabled() + "}",
						step.enabled() ? PITFALL_FAULT + step.pitfall() : null, step.enabled() ? null : PITFALL_FAULT + step.pitfall());
			case WAIT:
				sleep(step.duration().toMillis());
				return done("waited " + step.duration().toMillis() + " ms");
			case SETTLE: {
				long began = System.nanoTime();
				Observer observer = new Observer(this.calls, this.run.story().modes(), this.prefix);
				List<String> modes = this.run.story().modes().stream().filter((m) -> !m.equals("local")).toList();
				boolean settled = until(step.duration(), () -> modes.stream().allMatch((mode) -> {
					Map<String, java.util.SortedMap<String, List<String>>> states = observer.snapshot(mode);
					Set<String> expected = this.expectedKeys.getOrDefault(mode, Set.of());
					return states.size() == this.calls.replicaIds().size() && Boolean.TRUE.equals(Observer.equal(states))
							&& states.values().stream().allMatch((state) -> state.keySet().containsAll(expected));
				}));
				long took = (System.nanoTime() - began) / 1_000_000;
				result.put("settled", settled);
				result.put("millis", took);
				return done(settled ? modes + " settled in " + took + " ms"
						: modes + " not all settled after " + step.duration().toSeconds() + " s");
			}
			default:
				throw new IllegalStateException("unknown action " + step.action());
		}
	}

	private String[] write(Story.Step step, Map<String, Object> result, ExecutorService pool) {
		Set<String> inForce = Set.copyOf(this.faults);
		List<Future<WriteRecord>> sent = new ArrayList<>();
		for (String mode : this.run.story().modes()) {
			for (Story.Write write : step.writes()) {
				UUID opId = (write.opId() != null)
						? this.opIds.computeIfAbsent(mode + "/" + write.opId(), (label) -> UUID.randomUUID())
						: UUID.randomUUID();
				sent.add(pool.submit(() -> send(step, mode, write, opId, inForce)));
			}
		}
		Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
		for (Future<WriteRecord> future : sent) {
			try {
				WriteRecord record = future.get();
				this.writes.add(record);
				if (record.status() == 200 || record.status() == 202) {
					Set<String> keys = this.expectedKeys.computeIfAbsent(record.mode(), (m) -> new java.util.HashSet<>());
					if (record.value() != null) {
						keys.add(record.key());
					}
					else {
						keys.remove(record.key());
					}
				}
				statuses.computeIfAbsent(record.mode(), (m) -> new LinkedHashMap<>())
					.merge(String.valueOf(record.status()), 1, Integer::sum);
			}
			catch (Exception ex) {
				return new String[] { "failed", "a write could not be sent: " + ex };
			}
		}
		result.put("statuses", statuses);
		return done(step.writes().size() + " write(s) in each of " + this.run.story().modes().size() + " mode(s)");
	}

	private WriteRecord send(Story.Step step, String mode, Story.Write write, UUID opId, Set<String> inForce) {
		String body = (write.value() != null)
				? "{\"value\":" + LabCalls.JSON.writeValueAsString(write.value()) + ",\"opId\":\"" + opId + "\"}"
				: "{\"opId\":\"" + opId + "\"}";
		String await = (step.await() != null) ? "?await=" + step.await() : "";
		LabCalls.Answer answer = this.calls.replica(write.replica(), (write.value() != null) ? "PUT" : "DELETE",
				"/api/" + mode + "/kv/" + this.prefix + write.key() + await, body);
		return new WriteRecord(mode, step.index(), write.replica(), write.key(), write.value(), opId.toString(),
				answer.status(), answer.millis(), inForce, "lost".equals(write.answer()));
	}

	/** A partition call through the first replica that answers it. */
	private String[] cluster(String method, Object body, String fault, String detail) {
		String text = (body != null) ? LabCalls.JSON.writeValueAsString(body) : null;
		LabCalls.Answer last = null;
		for (String id : this.calls.replicaIds()) {
			last = this.calls.replica(id, method, "/api/cluster/partition", text);
			if (last.ok()) {
				if (fault != null) {
					this.faults.add(fault);
				}
				else {
					this.faults.remove("partition");
					this.faults.remove("kafka-cut");
				}
				return done(detail + " (through " + id + ")");
			}
			if (last.status() >= 400 && last.status() < 500) {
				break;
			}
		}
		return new String[] { "failed", "the partition call was refused: " + last.status() + " " + last.body() };
	}

	/** A lab control; a 404 or 405 means the lab lacks it: the step is unsupported. */
	private String[] lab(String method, String path, String body, String addFault, String removeFault) {
		LabCalls.Answer answer = this.calls.lab(method, path, body);
		if (answer.ok()) {
			if (addFault != null) {
				this.faults.add(addFault);
			}
			if (removeFault != null) {
				this.faults.remove(removeFault);
			}
			return done(method + " " + path + " -> " + answer.status());
		}
		if (answer.status() == 404 || answer.status() == 405) {
			return new String[] { "unsupported", "this lab lacks " + method + " " + path + " (" + answer.status()
					+ "): the step was skipped, and the story's figures are without it" };
		}
		return new String[] { "failed", method + " " + path + " -> " + answer.status() + " " + answer.body() };
	}

	private static String[] done(String detail) {
		return new String[] { "done", detail };
	}

	private static boolean until(Duration timeout, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			sleep(250);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("story interrupted");
		}
	}

}
