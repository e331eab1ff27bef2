package io.replicationlab.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The checkers for a history recorded elsewhere (a story's operations, which its report
 * lists): waits for the replicas to be quiet, reads their final applied logs, WALs and
 * states as {@link Check} does, and judges each mode with the same checkers. Public for
 * the stories' tests.
 */
public final class Judge {

	private Judge() {
	}

	/**
	 * One client operation as the client saw it.
	 *
	 * @param f {@code write} or {@code read}
	 * @param key the key on the replicas (with the run's prefix)
	 * @param type {@code ok}, {@code durable}, {@code fail} or {@code info} (see
	 * {@link Event})
	 * @param values what a read returned (empty: absent)
	 * @param dot {@code reconcile}: the dot a write was given
	 */
	public record Operation(String f, String replica, String mode, String key, String value, String opId,
			long invokedNanos, long completedNanos, String type, List<String> values, String dot) {
	}

	/**
	 * Judges the operations against the replicas' final view, read once they are quiet
	 * (or after {@code quiescenceSeconds}); only keys starting with {@code keyPrefix}.
	 */
	public static Verdict judge(List<Operation> operations, List<String> replicaIds, List<String> urls,
			List<String> modes, String keyPrefix, double quiescenceSeconds, Consumer<String> say) {
		Collector collector = new Collector(replicaIds, urls, modes, keyPrefix, say);
		double quiet = collector.awaitQuiescence(quiescenceSeconds);
		Observed observed = collector.collect();
		List<Event> events = history(operations);
		Map<String, Anomalies> found = new LinkedHashMap<>();
		for (String mode : modes) {
			found.put(mode, switch (mode) {
				case "total-order" -> TotalOrderChecker.check(events, observed, replicaIds);
				case "reconcile" -> ReconcileChecker.check(events, observed, replicaIds);
				default -> LocalChecker.check(events, observed, replicaIds);
			});
		}
		return new Verdict(events, observed, found, quiet);
	}

	/**
	 * The operations as a history: each one its own process (a story sends its writes at
	 * once, each from its own thread), invocations and completions in time order, an
	 * invocation before a completion of the same instant (concurrent, not ordered).
	 */
	static List<Event> history(List<Operation> operations) {
		record Moment(long nanos, boolean invoke, int process) {
		}
		List<Moment> moments = new ArrayList<>();
		for (int p = 0; p < operations.size(); p++) {
			Operation op = operations.get(p);
			if (op.completedNanos() < op.invokedNanos()) {
				throw new IllegalStateException("completed before invoked: " + op);
			}
			moments.add(new Moment(op.invokedNanos(), true, p));
			moments.add(new Moment(op.completedNanos(), false, p));
		}
		moments.sort(Comparator.comparingLong(Moment::nanos)
			.thenComparing((moment) -> !moment.invoke())
			.thenComparingInt(Moment::process));
		List<Event> events = new ArrayList<>();
		Map<Integer, Event> invoked = new TreeMap<>();
		for (Moment moment : moments) {
			Operation op = operations.get(moment.process());
			if (moment.invoke()) {
				Event invoke = new Event(events.size(), "invoke", op.f(), moment.process(), op.replica(), op.mode(),
						op.key(), op.value(), null, op.opId(), null, null, 0, moment.nanos(), null);
				invoked.put(moment.process(), invoke);
				events.add(invoke);
			}
			else {
				events.add(invoked.get(moment.process())
					.completed(events.size(), op.type(), op.values(), null, op.dot(), 0, moment.nanos(), null));
			}
		}
		return events;
	}

	/** What the checkers found, and the final view they judged. */
	public static final class Verdict {

		private final List<Event> events;

		private final Observed observed;

		private final Map<String, Anomalies> found;

		private final double quietSeconds;

		Verdict(List<Event> events, Observed observed, Map<String, Anomalies> found, double quietSeconds) {
			this.events = events;
			this.observed = observed;
			this.found = found;
			this.quietSeconds = quietSeconds;
		}

		/** How many of the named anomaly the mode's checker found. */
		public int count(String mode, String anomaly) {
			return this.found.get(mode).count(anomaly);
		}

		/** {@code true}, {@code false} or {@code unknown}. */
		public String valid(String mode) {
			return this.found.get(mode).valid();
		}

		/** Why the checker could not see everything (a replica that did not answer). */
		public List<String> unknown(String mode) {
			return this.found.get(mode).unknownReasons();
		}

		/** How many operations of the mode completed so: {@code "write ok"}... */
		public int operations(String mode, String fAndType) {
			return Results.counts(this.events).getOrDefault(mode, Map.of()).getOrDefault(fAndType, 0);
		}

		/** Seconds until the replicas were quiet, -1 when they never were. */
		public double quietSeconds() {
			return this.quietSeconds;
		}

		/** Per answering replica: the mode's final state (key to live values). */
		public Map<String, Map<String, List<String>>> states(String mode) {
			Map<String, Map<String, List<String>>> states = new LinkedHashMap<>();
			this.observed.replicas().forEach((id, replica) -> states.put(id, replica.mode(mode).state().entries()));
			return states;
		}

		/**
		 * Per answering replica: the distinct op ids its applied log applied (neither
		 * duplicate nor rejected).
		 */
		public Map<String, Set<String>> applied(String mode) {
			Map<String, Set<String>> applied = new LinkedHashMap<>();
			this.observed.replicas().forEach((id, replica) -> {
				Set<String> ops = new LinkedHashSet<>();
				replica.mode(mode)
					.applied()
					.stream()
					.filter(Observed.Applied::takesEffect)
					.forEach((row) -> ops.add(row.opId()));
				applied.put(id, ops);
			});
			return applied;
		}

		/** {@code reconcile}'s conflict policy on the first answering replica. */
		public String policy() {
			return reconcile().values().iterator().next().state().policy();
		}

		/**
		 * {@code reconcile}: the acknowledged writes whose value the first answering
		 * replica does not hold although no write of their key saw them: what a conflict
		 * policy threw away (nothing, under multi-value).
		 */
		public Set<String> notKept() {
			Map<String, List<String>> entries = reconcile().values().iterator().next().state().entries();
			List<ReconcileChecker.Op> ops = ops();
			Set<String> notKept = new LinkedHashSet<>();
			for (Event done : this.events) {
				if (!"reconcile".equals(done.mode()) || !done.write() || !done.acknowledged() || done.value() == null
						|| entries.getOrDefault(done.key(), List.of()).contains(done.value())) {
					continue;
				}
				List<ReconcileChecker.Op> sameKey = ops.stream().filter((op) -> op.key().equals(done.key())).toList();
				boolean covered = sameKey.stream()
					.anyMatch((op) -> op.opId().equals(done.opId()) && ReconcileChecker.coveredBy(op, sameKey) != null);
				if (!covered) {
					notKept.add(done.opId());
				}
			}
			return notKept;
		}

		/**
		 * {@code reconcile}: whether a write of {@code opId} had seen one of
		 * {@code seenOpId} (its context, as a WAL recorded it, covers that write's dot).
		 */
		public boolean saw(String opId, String seenOpId) {
			List<ReconcileChecker.Op> ops = ops();
			return ops.stream()
				.filter((op) -> op.opId().equals(opId))
				.anyMatch((op) -> ops.stream()
					.filter((seen) -> seen.opId().equals(seenOpId))
					.anyMatch((seen) -> Vector.covers(op.context(), seen.dot())));
		}

		private Map<String, Observed.ModeView> reconcile() {
			Map<String, Observed.ModeView> views = new LinkedHashMap<>();
			this.observed.replicas().forEach((id, replica) -> views.put(id, replica.mode("reconcile")));
			if (views.isEmpty()) {
				throw new IllegalStateException("no replica answered");
			}
			return views;
		}

		/** Every reconcile op any WAL holds, once per dot. */
		private List<ReconcileChecker.Op> ops() {
			Map<String, ReconcileChecker.Op> ops = new LinkedHashMap<>();
			reconcile().values()
				.forEach((view) -> view.wal()
					.forEach((row) -> ops.putIfAbsent(row.dot(),
							new ReconcileChecker.Op(row.dot(), row.opId(), row.key(), row.value(), row.context()))));
			return new ArrayList<>(ops.values());
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			this.found.values().forEach((anomalies) -> {
				text.append(anomalies).append(' ');
				anomalies.found()
					.forEach((name, found) -> found.examples()
						.forEach((example) -> text.append("[")
							.append(name)
							.append(": ")
							.append(example.text())
							.append("] ")));
			});
			return text.append("quiet after ").append(this.quietSeconds).append(" s").toString();
		}

	}

}
