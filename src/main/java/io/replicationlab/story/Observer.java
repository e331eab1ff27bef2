package io.replicationlab.story;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import io.replicationlab.worker.Worker;
import io.replicationlab.worker.WorkerLoop;
import tools.jackson.databind.JsonNode;

/**
 * Samples, while a story runs, every replica's state of the story's keys in every mode,
 * to measure how long the replicas held different states. A replica that does not answer
 * is left out of a sample (a sample with fewer than two answering replicas says nothing).
 */
final class Observer {

	private final LabCalls calls;

	private final List<String> modes;

	private final String prefix;

	private final Map<String, long[]> figures = new LinkedHashMap<>();

	/**
	 * Stopping interrupts a sample in flight: a replica that does not answer must not
	 * hold the report back.
	 */
	private final WorkerLoop loop = WorkerLoop.of(Worker.standalone("story-observer"), this::sample)
		.interruptOnStop()
		.build();

	private Duration interval;

	/** When the previous sample ended; the loop's thread only. */
	private long last;

	/**
	 * @param prefix the run's key prefix: only keys under it are compared
	 */
	Observer(LabCalls calls, List<String> modes, String prefix) {
		this.calls = calls;
		this.modes = modes;
		this.prefix = prefix;
		// per mode: samples, diverged samples, diverged millis, longest diverged stretch,
		// current stretch
		modes.forEach((mode) -> this.figures.put(mode, new long[5]));
	}

	void start(long intervalMillis) {
		this.interval = Duration.ofMillis(intervalMillis);
		this.last = System.nanoTime();
		this.loop.start();
	}

	private void sample() {
		for (String mode : this.modes) {
			Boolean equal = equal(snapshot(mode));
			long now = System.nanoTime();
			long elapsed = (now - this.last) / 1_000_000;
			synchronized (this.figures) {
				long[] f = this.figures.get(mode);
				if (equal != null) {
					f[0]++;
					if (!equal) {
						f[1]++;
						f[2] += elapsed;
						f[4] += elapsed;
						f[3] = Math.max(f[3], f[4]);
					}
					else {
						f[4] = 0;
					}
				}
			}
		}
		this.last = System.nanoTime();
		this.loop.idle(this.interval);
	}

	void stop() {
		this.loop.stop(Duration.ofSeconds(5));
	}

	/** Per mode: what the samples so far saw. */
	Map<String, Report.Divergence> figures() {
		Map<String, Report.Divergence> out = new LinkedHashMap<>();
		synchronized (this.figures) {
			this.figures.forEach((mode, f) -> out.put(mode, new Report.Divergence(f[0], f[1], f[2], f[3])));
		}
		return out;
	}

	/**
	 * Each answering replica's state of the story's keys (key without prefix -> values);
	 * absent replicas left out.
	 */
	Map<String, SortedMap<String, List<String>>> snapshot(String mode) {
		Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
		for (String id : this.calls.replicaIds()) {
			LabCalls.Answer answer = this.calls.replica(id, "GET", "/api/" + mode + "/kv", null);
			if (answer.status() == 200) {
				states.put(id, storyKeys(answer.json().path("entries")));
			}
		}
		return states;
	}

	SortedMap<String, List<String>> storyKeys(JsonNode entries) {
		SortedMap<String, List<String>> mine = new TreeMap<>();
		for (String key : entries.propertyNames()) {
			if (key.startsWith(this.prefix)) {
				List<String> values = new java.util.ArrayList<>();
				entries.get(key).forEach((value) -> values.add(value.asString()));
				mine.put(key.substring(this.prefix.length()), values);
			}
		}
		return mine;
	}

	/**
	 * Whether the answering replicas hold equal states; {@code null} when fewer than two
	 * answered.
	 */
	static Boolean equal(Map<String, SortedMap<String, List<String>>> states) {
		if (states.size() < 2) {
			return null;
		}
		return states.values().stream().distinct().count() == 1 && states.values().stream().allMatch(Objects::nonNull);
	}

}
