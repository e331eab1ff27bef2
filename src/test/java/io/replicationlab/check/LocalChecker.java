package io.replicationlab.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges the local mode: every acknowledged write is in the WAL of the replica that
 * acknowledged it, and each replica's state is a replay of its own WAL. Divergence
 * between replicas is expected, not an anomaly.
 */
final class LocalChecker {

	static final String MODE = "local";

	private LocalChecker() {
	}

	static Anomalies check(List<Event> history, Observed observed, List<String> replicaIds) {
		Anomalies found = new Anomalies(MODE);
		Map<String, Set<String>> walOps = new HashMap<>();
		for (Map.Entry<String, Observed.ModeView> answered : observed.views(MODE, replicaIds, found).entrySet()) {
			String id = answered.getKey();
			Observed.ModeView view = answered.getValue();
			Set<String> ops = new HashSet<>();
			Map<String, String> model = new TreeMap<>();
			for (Observed.Wal row : view.wal()) {
				ops.add(row.opId());
				if (row.value() == null) {
					model.remove(row.key());
				}
				else {
					model.put(row.key(), row.value());
				}
			}
			walOps.put(id, ops);
			Set<String> keys = new TreeSet<>(model.keySet());
			keys.addAll(view.state().entries().keySet());
			for (String key : keys) {
				List<String> expected = model.containsKey(key) ? List.of(model.get(key)) : List.of();
				List<String> actual = view.state().entries().getOrDefault(key, List.of());
				if (!expected.equals(actual)) {
					found.add("state-mismatch",
							id + " has " + key + "=" + actual + ", a replay of its WAL gives " + expected, List.of());
				}
			}
		}
		Map<String, Event> invoked = new HashMap<>();
		for (Event event : history) {
			if (!MODE.equals(event.mode()) || !event.write()) {
				continue;
			}
			if (event.invoke()) {
				invoked.put(event.opId(), event);
			}
			else if (event.acknowledged() && walOps.containsKey(event.replica())
					&& !walOps.get(event.replica()).contains(event.opId())) {
				Event invoke = invoked.get(event.opId());
				found.add("lost",
						event.opId() + " (" + event.key() + "=" + event.value() + ") acknowledged by " + event.replica()
								+ " is not in its WAL",
						(invoke != null) ? List.of(invoke.index(), event.index()) : List.of(event.index()));
			}
		}
		return found;
	}

}
