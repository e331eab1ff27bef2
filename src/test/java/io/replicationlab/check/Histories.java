package io.replicationlab.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small hand-made histories and replica views for the checkers' unit tests. */
final class Histories {

	final List<Event> events = new ArrayList<>();

	final Map<String, Map<String, List<Observed.Applied>>> applied = new LinkedHashMap<>();

	final Map<String, Map<String, List<Observed.Wal>>> wal = new LinkedHashMap<>();

	final Map<String, Map<String, Observed.State>> states = new LinkedHashMap<>();

	Histories write(int process, String replica, String mode, String key, String value, String opId, String type) {
		return write(process, replica, mode, key, value, opId, null, null, type);
	}

	Histories write(int process, String replica, String mode, String key, String value, String opId, String context,
			String dot, String type) {
		Event invoke = new Event(this.events.size(), "invoke", "write", process, replica, mode, key, value, null, opId,
				context, null, 0, this.events.size(), null);
		this.events.add(invoke);
		this.events.add(invoke.completed(this.events.size(), type, null, null, dot, 0, this.events.size(), null));
		return this;
	}

	Histories read(int process, String replica, String mode, String key, String... values) {
		Event invoke = new Event(this.events.size(), "invoke", "read", process, replica, mode, key, null, null, null,
				null, null, 0, this.events.size(), null);
		this.events.add(invoke);
		this.events
			.add(invoke.completed(this.events.size(), "ok", List.of(values), null, null, 0, this.events.size(), null));
		return this;
	}

	Histories applied(String replica, String mode, String opId, String key, String outcome) {
		List<Observed.Applied> rows = this.applied.computeIfAbsent(replica, (r) -> new LinkedHashMap<>())
			.computeIfAbsent(mode, (m) -> new ArrayList<>());
		rows.add(new Observed.Applied(rows.size() + 1, opId, key, outcome, outcome.toLowerCase()));
		return this;
	}

	Histories wal(String replica, String mode, String opId, String key, String value, String dot, String context) {
		List<Observed.Wal> rows = this.wal.computeIfAbsent(replica, (r) -> new LinkedHashMap<>())
			.computeIfAbsent(mode, (m) -> new ArrayList<>());
		rows.add(new Observed.Wal(rows.size() + 1, opId, (dot != null) ? dot.split(":")[0] : replica, "CLIENT", key,
				value, dot, context, null));
		return this;
	}

	Histories state(String replica, String mode, Map<String, List<String>> entries, String vector, String policy) {
		this.states.computeIfAbsent(replica, (r) -> new LinkedHashMap<>())
			.put(mode, new Observed.State(entries, "", vector, policy));
		return this;
	}

	Observed observed(String... replicas) {
		Map<String, Observed.Replica> views = new LinkedHashMap<>();
		for (String replica : replicas) {
			Map<String, Observed.ModeView> modes = new LinkedHashMap<>();
			for (String mode : List.of("local", "total-order", "reconcile")) {
				modes.put(mode,
						new Observed.ModeView(
								this.applied.getOrDefault(replica, Map.of()).getOrDefault(mode, List.of()),
								this.wal.getOrDefault(replica, Map.of()).getOrDefault(mode, List.of()),
								this.states.getOrDefault(replica, Map.of())
									.getOrDefault(mode, new Observed.State(Map.of(), "", "", "multi-value"))));
			}
			views.put(replica, new Observed.Replica(modes));
		}
		return new Observed(views);
	}

}
