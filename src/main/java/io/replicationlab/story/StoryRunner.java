package io.replicationlab.story;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays a story's steps in order against the lab: each write step sends its writes in
 * every mode of the story at once, each fault step ({@link LabSteps}) changes the lab for
 * every mode at once. A step the lab cannot perform (a control it lacks) is reported
 * {@code unsupported} and the story goes on; the report says so. The figures are measured
 * by the {@link Observer} while it plays and composed by the {@link StoryReport} at the
 * end.
 */
final class StoryRunner {

	private final LabCalls calls;

	private final StoryRun run;

	private final String prefix;

	private final List<WriteRecord> writes = Collections.synchronizedList(new ArrayList<>());

	private final List<ReadRecord> reads = new ArrayList<>();

	/** The run's time zero for the operations' invoke and completion times. */
	private final long began = System.nanoTime();

	private final LabSteps lab;

	private final Map<String, UUID> opIds = new HashMap<>();

	/**
	 * Per mode, the keys a write answered 2xx left with a value: a settled replica holds
	 * every one of them.
	 */
	private final Map<String, Set<String>> expectedKeys = new java.util.concurrent.ConcurrentHashMap<>();

	StoryRunner(LabCalls calls, StoryRun run) {
		this.calls = calls;
		this.run = run;
		this.prefix = "s" + run.id() + ".";
		this.lab = new LabSteps(calls);
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
				LabSteps.Outcome outcome = play(step, result, pool);
				this.run.stepEnded(step.index(), outcome.status(), outcome.detail(),
						(System.nanoTime() - stepBegan) / 1_000_000, result);
			}
		}
		finally {
			this.lab.switchOffPitfalls();
			observer.stop();
			pool.shutdownNow();
		}
		long millis = (System.nanoTime() - began) / 1_000_000;
		this.run.finished(new StoryReport(this.calls, story, this.prefix, List.copyOf(this.writes),
				List.copyOf(this.reads), observer, startPositions, this.run.stepsView(), millis)
			.build());
	}

	/**
	 * Plays one step: the lab's steps through {@link LabSteps}, the data's (writes,
	 * reads, waits) here.
	 */
	private LabSteps.Outcome play(Story.Step step, Map<String, Object> result, ExecutorService pool) {
		switch (step.action()) {
			case WRITE:
				return write(step, result, pool);
			case READ:
				for (String mode : this.run.story().modes()) {
					long invoked = System.nanoTime() - this.began;
					LabCalls.Answer answer = this.calls.replica(step.replica(), "GET",
							"/api/" + mode + "/kv/" + this.prefix + step.key(), null);
					result.put(mode, (answer.status() == 200) ? answer.json().path("values")
							: (answer.status() == 404) ? "absent" : "no answer (" + answer.status() + ")");
					read(step, mode, invoked, answer);
				}
				return LabSteps.Outcome.done("read " + step.key() + " on " + step.replica());
			case WAIT:
				LabSteps.sleep(step.duration().toMillis());
				return LabSteps.Outcome.done("waited " + step.duration().toMillis() + " ms");
			case SETTLE:
				return settle(step, result);
			default:
				return this.lab.play(step);
		}
	}

	/**
	 * Waits until {@code total-order} and {@code reconcile} hold equal states with every
	 * key a write left and, in {@code total-order}, every acknowledged write is applied
	 * (or rejected) on every replica, or times out. Equal states alone are not enough:
	 * two writes of one key are equal everywhere once the first is applied, before the
	 * second is ordered.
	 */
	private LabSteps.Outcome settle(Story.Step step, Map<String, Object> result) {
		long began = System.nanoTime();
		Observer observer = new Observer(this.calls, this.run.story().modes(), this.prefix);
		List<String> modes = this.run.story().modes().stream().filter((m) -> !m.equals("local")).toList();
		boolean settled = LabSteps.until(step.duration(), () -> modes.stream().allMatch((mode) -> {
			Map<String, java.util.SortedMap<String, List<String>>> states = observer.snapshot(mode);
			Set<String> expected = this.expectedKeys.getOrDefault(mode, Set.of());
			return states.size() == this.calls.replicaIds().size() && Boolean.TRUE.equals(Observer.equal(states))
					&& states.values().stream().allMatch((state) -> state.keySet().containsAll(expected))
					&& (!mode.equals("total-order") || acknowledgedAppliedEverywhere(mode));
		}));
		long took = (System.nanoTime() - began) / 1_000_000;
		result.put("settled", settled);
		result.put("millis", took);
		return LabSteps.Outcome.done(settled ? modes + " settled in " + took + " ms"
				: modes + " not all settled after " + step.duration().toSeconds() + " s");
	}

	/**
	 * Whether every replica reports each write of the mode answered 200 or 202 as applied
	 * or rejected.
	 */
	private boolean acknowledgedAppliedEverywhere(String mode) {
		for (WriteRecord write : List.copyOf(this.writes)) {
			if (!write.mode().equals(mode) || (write.status() != 200 && write.status() != 202)) {
				continue;
			}
			for (String id : this.calls.replicaIds()) {
				LabCalls.Answer answer = this.calls.replica(id, "GET", "/api/replica/ops/" + write.opId(), null);
				String stage = answer.ok() ? answer.json().path("status").asString("") : "";
				if (!stage.equalsIgnoreCase("applied") && !stage.equalsIgnoreCase("rejected")) {
					return false;
				}
			}
		}
		return true;
	}

	private LabSteps.Outcome write(Story.Step step, Map<String, Object> result, ExecutorService pool) {
		Set<String> inForce = this.lab.inForce();
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
					Set<String> keys = this.expectedKeys.computeIfAbsent(record.mode(),
							(m) -> new java.util.HashSet<>());
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
				return LabSteps.Outcome.failed("a write could not be sent: " + ex);
			}
		}
		result.put("statuses", statuses);
		return LabSteps.Outcome
			.done(step.writes().size() + " write(s) in each of " + this.run.story().modes().size() + " mode(s)");
	}

	private WriteRecord send(Story.Step step, String mode, Story.Write write, UUID opId, Set<String> inForce) {
		String body = (write.value() != null)
				? "{\"value\":" + LabCalls.JSON.writeValueAsString(write.value()) + ",\"opId\":\"" + opId + "\"}"
				: "{\"opId\":\"" + opId + "\"}";
		String await = (step.await() != null) ? "?await=" + step.await() : "";
		long invoked = System.nanoTime() - this.began;
		LabCalls.Answer answer = this.calls.replica(write.replica(), (write.value() != null) ? "PUT" : "DELETE",
				"/api/" + mode + "/kv/" + this.prefix + write.key() + await, body);
		long completed = System.nanoTime() - this.began;
		String dot = answer.ok() && answer.json().path("dot").isString() ? answer.json().path("dot").asString() : null;
		return new WriteRecord(mode, step.index(), write.replica(), write.key(), write.value(), opId.toString(),
				answer.status(), answer.millis(), inForce, "lost".equals(write.answer()), invoked, completed,
				WriteRecord.outcome(answer), dot);
	}

	private void read(Story.Step step, String mode, long invoked, LabCalls.Answer answer) {
		long completed = System.nanoTime() - this.began;
		List<String> values = null;
		String outcome = WriteRecord.outcome(answer);
		if (answer.status() == 200) {
			values = new ArrayList<>();
			for (tools.jackson.databind.JsonNode value : answer.json().path("values")) {
				values.add(value.isNull() ? null : value.asString());
			}
		}
		else if (answer.status() == 404) {
			values = List.of();
			outcome = "ok";
		}
		this.reads.add(new ReadRecord(mode, step.index(), step.replica(), step.key(), answer.status(), values, invoked,
				completed, outcome));
	}

}
