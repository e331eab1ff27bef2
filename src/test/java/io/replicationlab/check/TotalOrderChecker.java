package io.replicationlab.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges total order from the clients' history and the replicas' final applied logs and
 * states: every acknowledged write applied exactly once everywhere, one order, nothing
 * invented, unknown writes everywhere or nowhere, states that replay the agreed order,
 * and reads that saw a prefix of it, never going back in time on one replica.
 * <p>
 * A write retried with the same op id (on another replica, after an unknown outcome or a
 * lost answer) is one logical write: its first invocation stands for it, and its outcome
 * is the best of its attempts ({@code ok}, then {@code durable}, {@code info},
 * {@code fail}): acknowledged once is acknowledged, and it failed (wrote nothing) only if
 * every attempt failed. Its examples cite the first invocation and the best completion. A
 * write acknowledged by another replica sets no floor for the reads of the process on its
 * own replica, which may not have applied it yet.
 */
final class TotalOrderChecker {

	static final String MODE = "total-order";

	private TotalOrderChecker() {
	}

	static Anomalies check(List<Event> history, Observed observed, List<String> replicaIds) {
		Anomalies found = new Anomalies(MODE);
		Writes writes = Writes.of(history, MODE);
		Map<String, List<String>> sequences = new LinkedHashMap<>();
		for (Map.Entry<String, Observed.ModeView> answered : observed.views(MODE, replicaIds, found).entrySet()) {
			String id = answered.getKey();
			List<String> sequence = new ArrayList<>();
			Map<String, Integer> seen = new HashMap<>();
			for (Observed.Applied row : answered.getValue().applied()) {
				if (!row.takesEffect()) {
					continue;
				}
				sequence.add(row.opId());
				if (seen.merge(row.opId(), 1, Integer::sum) == 2) {
					found.add("duplicate", row.opId() + " applied twice on " + id, writes.lines(row.opId()));
				}
				Event invoke = writes.invoked().get(row.opId());
				if (invoke == null) {
					found.add("fabricated", row.opId() + " applied on " + id + " but no client wrote it", List.of());
				}
				else if (writes.completed().containsKey(row.opId())
						&& "fail".equals(writes.completed().get(row.opId()).type())) {
					found.add("fabricated", row.opId() + " applied on " + id + " though its write failed (4xx)",
							writes.lines(row.opId()));
				}
			}
			sequences.put(id, sequence);
		}
		if (sequences.isEmpty()) {
			return found;
		}
		List<String> agreed = sequences.values()
			.stream()
			.max((a, b) -> Integer.compare(a.size(), b.size()))
			.orElseThrow();
		sequences.forEach((id, sequence) -> {
			if (!sequence.equals(agreed)) {
				int at = 0;
				while (at < sequence.size() && at < agreed.size() && sequence.get(at).equals(agreed.get(at))) {
					at++;
				}
				String mine = (at < sequence.size()) ? sequence.get(at) : "(end)";
				String theirs = (at < agreed.size()) ? agreed.get(at) : "(end)";
				found.add("divergent-order", id + " differs from the longest applied sequence at position " + (at + 1)
						+ ": " + mine + " instead of " + theirs, writes.lines(mine, theirs));
			}
		});
		Map<String, Set<String>> appliedOn = new HashMap<>();
		sequences.forEach((id, sequence) -> sequence
			.forEach((op) -> appliedOn.computeIfAbsent(op, (o) -> new HashSet<>()).add(id)));
		for (Event invoke : writes.invoked().values()) {
			Event done = writes.completed().get(invoke.opId());
			Set<String> on = appliedOn.getOrDefault(invoke.opId(), Set.of());
			if (done != null && done.acknowledged() && on.size() < sequences.size()) {
				found.add("lost", invoke.opId() + " (" + done.type() + " from " + invoke.replica()
						+ ") applied only on " + new java.util.TreeSet<>(on), writes.lines(invoke.opId()));
			}
			if ((done == null || "info".equals(done.type())) && !on.isEmpty() && on.size() < sequences.size()) {
				found.add("partial", invoke.opId() + " (unknown outcome) applied on " + on + " only",
						writes.lines(invoke.opId()));
			}
		}
		checkStates(found, sequences.keySet(), observed, agreed, writes);
		checkReads(found, history, agreed, writes.invoked());
		return found;
	}

	private static void checkStates(Anomalies found, Set<String> replicas, Observed observed, List<String> agreed,
			Writes writes) {
		Map<String, String> model = new TreeMap<>();
		for (String op : agreed) {
			Event write = writes.invoked().get(op);
			if (write == null) {
				continue;
			}
			if (write.value() == null) {
				model.remove(write.key());
			}
			else {
				model.put(write.key(), write.value());
			}
		}
		for (String id : replicas) {
			Map<String, List<String>> entries = observed.replicas().get(id).mode(MODE).state().entries();
			Set<String> keys = new java.util.TreeSet<>(model.keySet());
			keys.addAll(entries.keySet());
			for (String key : keys) {
				List<String> expected = model.containsKey(key) ? List.of(model.get(key)) : List.of();
				List<String> actual = entries.getOrDefault(key, List.of());
				if (!expected.equals(actual)) {
					found.add("state-mismatch",
							id + " has " + key + "=" + actual + ", a replay of the agreed order gives " + expected,
							writes.linesWriting(actual));
				}
			}
		}
	}

	/**
	 * A read of value v is explained by the prefixes [j, next write of the key) where j
	 * is the position of the write of v (absent: before the first write, or after a
	 * delete). It must overlap what the process already saw on its replica: not before
	 * its own acknowledged writes (stale) nor before an earlier read (nonmonotonic).
	 */
	private static void checkReads(Anomalies found, List<Event> history, List<String> agreed,
			Map<String, Event> invoked) {
		Map<String, Integer> positionOf = new HashMap<>();
		for (int i = 0; i < agreed.size(); i++) {
			positionOf.putIfAbsent(agreed.get(i), i + 1);
		}
		Map<String, List<int[]>> intervals = new HashMap<>();
		Map<String, Integer> start = new HashMap<>();
		Map<String, String> current = new HashMap<>();
		for (int i = 0; i < agreed.size(); i++) {
			Event write = invoked.get(agreed.get(i));
			if (write == null) {
				continue;
			}
			String key = write.key();
			close(intervals, key, current.get(key), start.getOrDefault(key, 0), i + 1);
			current.put(key, write.value());
			start.put(key, i + 1);
		}
		current.forEach((key, value) -> close(intervals, key, value, start.get(key), Integer.MAX_VALUE));
		// per process and replica: what it saw there (reads, and writes that replica
		// acknowledged)
		Map<String, Integer> floor = new HashMap<>();
		Map<String, Integer> readFloor = new HashMap<>();
		Map<String, Integer> readLine = new HashMap<>();
		Map<Integer, Event> pending = new HashMap<>();
		for (Event event : history) {
			if (!MODE.equals(event.mode())) {
				continue;
			}
			if (event.invoke()) {
				pending.put(event.process(), event);
				continue;
			}
			Event invoke = pending.remove(event.process());
			String seer = event.process() + "@" + event.replica();
			if (event.write()) {
				Integer position = positionOf.get(event.opId());
				if ("ok".equals(event.type()) && position != null) {
					floor.merge(seer, position, Math::max);
				}
				continue;
			}
			if (!"ok".equals(event.type())) {
				continue;
			}
			String value = event.values().isEmpty() ? null : event.values().get(0);
			List<int[]> explain = intervals.getOrDefault(event.key() + "\u0000" + value,
					(value == null) ? List.of(new int[] { 0, Integer.MAX_VALUE }) : List.of());
			int own = floor.getOrDefault(seer, 0);
			int before = readFloor.getOrDefault(seer, 0);
			List<Integer> lines = new ArrayList<>(
					(invoke != null) ? List.of(invoke.index(), event.index()) : List.of(event.index()));
			int latest = explain.stream().mapToInt((range) -> range[1] - 1).max().orElse(-1);
			if (explain.isEmpty() || latest < own) {
				found.add("stale-read",
						"process " + event.process() + " read " + event.key() + "=" + event.values() + " on "
								+ event.replica() + ", older than its own write at position " + own
								+ " of the agreed order",
						lines);
			}
			else if (latest < before) {
				Integer earlier = readLine.get(seer);
				if (earlier != null) {
					lines.add(0, earlier);
				}
				found.add("nonmonotonic-read",
						"process " + event.process() + " read " + event.key() + "=" + event.values() + " on "
								+ event.replica() + ", older than what it read before (position " + before + ")",
						lines);
			}
			else {
				int earliest = explain.stream()
					.filter((range) -> range[1] - 1 >= Math.max(own, before))
					.mapToInt((range) -> range[0])
					.min()
					.orElse(0);
				readFloor.put(seer, Math.max(before, earliest));
				readLine.put(seer, event.index());
			}
		}
	}

	private static void close(Map<String, List<int[]>> intervals, String key, String value, int from, int to) {
		intervals.computeIfAbsent(key + "\u0000" + value, (k) -> new ArrayList<>()).add(new int[] { from, to });
	}

}
