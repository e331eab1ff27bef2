package io.replicationlab.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Judges reconciliation: after healing, every replica has the same vector and state; that
 * state is a model merge of every op any WAL holds (an op is live unless another op of
 * its key carried a context covering its dot); no acknowledged write vanished without a
 * later write that saw it (or, under last-writer-wins, a record that it lost); and
 * last-writer-wins never keeps a write over one that had seen it. The model takes each
 * write's context from the client's history (what the client sent), so a replica that
 * ignores it is caught.
 */
final class ReconcileChecker {

	static final String MODE = "reconcile";

	private ReconcileChecker() {
	}

	record Op(String dot, String opId, String key, String value, String context) {
	}

	static Anomalies check(List<Event> history, Observed observed, List<String> replicaIds) {
		Anomalies found = new Anomalies(MODE);
		Writes writes = Writes.of(history, MODE);
		Map<String, Observed.ModeView> views = observed.views(MODE, replicaIds, found);
		if (views.isEmpty()) {
			return found;
		}
		Map<String, Op> ops = new LinkedHashMap<>();
		Set<String> discarded = new TreeSet<>();
		views.values().forEach((view) -> {
			for (Observed.Wal row : view.wal()) {
				Event invoke = writes.invoked().get(row.opId());
				String context = (invoke != null && invoke.context() != null) ? invoke.context() : row.context();
				ops.putIfAbsent(row.dot(), new Op(row.dot(), row.opId(), row.key(), row.value(), context));
			}
			for (Observed.Applied row : view.applied()) {
				if ("DISCARDED".equals(row.outcome())) {
					discarded.add(row.opId());
				}
				if (row.detail() != null && row.detail().contains("discarded ")) {
					String list = row.detail().substring(row.detail().indexOf("discarded ") + 10).split(";")[0];
					discarded.addAll(List.of(list.trim().split(",")));
				}
			}
		});
		Map<String, List<Op>> byKey = ops.values().stream().collect(Collectors.groupingBy(Op::key));
		checkConvergence(found, views);
		boolean lww = views.values().stream().anyMatch((view) -> "lww".equals(view.state().policy()));
		views.forEach((id, view) -> checkState(found, id, view.state(), byKey, lww, writes));
		String first = views.keySet().iterator().next();
		Map<String, List<String>> entries = views.get(first).state().entries();
		for (Event done : writes.completed().values()) {
			if (!done.acknowledged()) {
				continue;
			}
			List<Integer> lines = writes.lines(done.opId());
			List<Op> mine = ops.values().stream().filter((op) -> op.opId().equals(done.opId())).toList();
			if (mine.isEmpty()) {
				found.add("lost-update", done.opId() + " (" + done.key() + "=" + done.value() + ", acknowledged by "
						+ done.replica() + ") is in no replica's WAL", lines);
				continue;
			}
			if (entries.getOrDefault(done.key(), List.of()).contains(done.value()) || done.value() == null) {
				continue;
			}
			boolean covered = mine.stream().anyMatch((op) -> coveredBy(op, byKey.get(op.key())) != null);
			boolean recorded = mine.stream()
				.anyMatch((op) -> discarded.contains(op.dot()) || discarded.contains(op.opId()));
			if (!covered && !(lww && recorded)) {
				found.add("lost-update",
						done.key() + "=" + done.value() + " (dot " + mine.get(0).dot() + ") is not live on " + first
								+ " and no later write saw it" + (lww ? ", nor was it recorded as discarded" : ""),
						lines);
			}
		}
		return found;
	}

	/**
	 * The op of the key whose context covers {@code op}'s dot, or null when none does.
	 */
	static Op coveredBy(Op op, List<Op> sameKey) {
		for (Op other : sameKey) {
			if (!other.dot().equals(op.dot()) && !other.opId().equals(op.opId())
					&& Vector.covers(other.context(), op.dot())) {
				return other;
			}
		}
		return null;
	}

	private static void checkConvergence(Anomalies found, Map<String, Observed.ModeView> views) {
		String first = views.keySet().iterator().next();
		Observed.State reference = views.get(first).state();
		views.forEach((id, view) -> {
			if (id.equals(first)) {
				return;
			}
			if (!Vector.parse(view.state().versionVector()).equals(Vector.parse(reference.versionVector()))) {
				found.add("not-converged", id + " has vector [" + view.state().versionVector() + "], " + first
						+ " has [" + reference.versionVector() + "]", List.of());
			}
			Set<String> keys = new TreeSet<>(reference.entries().keySet());
			keys.addAll(view.state().entries().keySet());
			for (String key : keys) {
				Set<String> mine = new TreeSet<>(view.state().entries().getOrDefault(key, List.of()));
				Set<String> theirs = new TreeSet<>(reference.entries().getOrDefault(key, List.of()));
				if (!mine.equals(theirs)) {
					found.add("not-converged", id + " has " + key + "=" + mine + ", " + first + " has " + theirs,
							List.of());
				}
			}
		});
	}

	private static void checkState(Anomalies found, String id, Observed.State state, Map<String, List<Op>> byKey,
			boolean lww, Writes writes) {
		Set<String> keys = new TreeSet<>(byKey.keySet());
		keys.addAll(state.entries().keySet());
		for (String key : keys) {
			List<Op> sameKey = byKey.getOrDefault(key, List.of());
			Set<String> live = new TreeSet<>();
			for (Op op : sameKey) {
				if (op.value() != null && coveredBy(op, sameKey) == null) {
					live.add(op.value());
				}
			}
			Set<String> actual = new TreeSet<>(state.entries().getOrDefault(key, List.of()));
			List<Integer> lines = writes.linesWriting(actual);
			if (lww) {
				if (actual.size() > 1) {
					found.add("state-mismatch", id + " keeps " + key + "=" + actual + " under last-writer-wins", lines);
				}
				for (String value : actual) {
					if (live.contains(value)) {
						continue;
					}
					Op kept = sameKey.stream().filter((op) -> value.equals(op.value())).findFirst().orElse(null);
					Op later = (kept != null) ? coveredBy(kept, sameKey) : null;
					if (later != null) {
						found.add("lww-lost-causal-write", id + " kept " + key + "=" + value + " (" + kept.dot()
								+ ") over " + later.value() + " (" + later.dot() + "), a write that had seen it",
								lines);
					}
					else {
						found.add("state-mismatch", id + " has " + key + "=" + value + ", which no model merge keeps",
								lines);
					}
				}
				if (actual.isEmpty() && !live.isEmpty()) {
					found.add("state-mismatch", id + " has no " + key + ", a model merge keeps one of " + live, lines);
				}
			}
			else if (!actual.equals(live)) {
				found.add("state-mismatch",
						id + " has " + key + "=" + actual + ", a model merge of every op gives " + live, lines);
			}
		}
	}

}
