package io.replicationlab.story;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.replicationlab.check.Judge;
import io.replicationlab.lab.LabFixture;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finished story's report against the independent checker: the run's recorded
 * operations (the report's {@code operations}) become a client history, the checkers of
 * {@code io.replicationlab.check} judge it against the replicas' final applied logs, WALs
 * and states, and every figure the report states about answers, order, convergence,
 * divergence, lost writes and last-writer-wins must be what the checker found.
 */
final class CheckerAgreement {

	private static final List<String> MODES = List.of("local", "total-order", "reconcile");

	/** Checker's anomaly that means an acknowledged write was lost, per mode. */
	private static final Map<String, String> LOST = Map.of("local", "lost", "total-order", "lost", "reconcile",
			"lost-update");

	private CheckerAgreement() {
	}

	static void check(LabFixture lab, String name, JsonNode report) {
		String prefix = report.path("keyPrefix").asString();
		List<String> urls = lab.replicaIds().stream().map(lab::url).toList();
		Judge.Verdict verdict = Judge.judge(operations(report), lab.replicaIds(), urls, MODES, prefix, 60,
				(message) -> System.out.println("[story check] " + message));
		System.out.println("[story check] " + name + ": " + verdict);
		for (String mode : MODES) {
			JsonNode column = report.path("modes").path(mode);
			String as = name + " " + mode + ": " + verdict;
			assertThat(verdict.unknown(mode)).as(as).isEmpty();
			answers(mode, column.path("writes"), report.path("operations"), verdict, as);
			// the report's applied ops per replica are the ops the checker read in the
			// applied logs
			Map<String, Set<String>> applied = verdict.applied(mode);
			for (String id : lab.replicaIds()) {
				assertThat(column.path("orderAgreement").path("appliedOps").path(id).asInt())
					.as("%s applied on %s", as, id)
					.isEqualTo(applied.get(id).size());
			}
			assertThat(column.path("writes").path("acknowledgedLost").asInt()).as("%s: lost", as)
				.isEqualTo(verdict.count(mode, LOST.get(mode)));
			assertThat(column.path("writes").path("acknowledgedLostOps").size()).as(as)
				.isEqualTo(column.path("writes").path("acknowledgedLost").asInt());
		}
		totalOrder(report.path("modes").path("total-order"), verdict, name);
		reconcile(report.path("modes").path("reconcile"), verdict, name);
		local(report.path("modes").path("local"), verdict, name, prefix);
		if (name.startsWith("crash-after-ack")) {
			// what r2 read after its restart (local state is a replay of its own WAL, at
			// once) says whether the acknowledged write survived, as the checker does
			JsonNode read = report.path("steps")
				.valueStream()
				.filter((step) -> step.path("action").asString().equals("read"))
				.findFirst()
				.orElseThrow()
				.path("result");
			boolean absent = read.path("local").isString() && "absent".equals(read.path("local").asString());
			assertThat(absent).as("%s: %s; %s", name, read, verdict).isEqualTo(verdict.count("local", "lost") > 0);
		}
	}

	/**
	 * The writes answered 200 / 202 / refused are the history's ok / durable / fail and
	 * info.
	 */
	private static void answers(String mode, JsonNode writes, JsonNode operations, Judge.Verdict verdict, String as) {
		long ok = 0;
		long accepted = 0;
		long refused = 0;
		for (JsonNode counts : writes.path("byFault")) {
			ok += counts.path("ok200").asLong();
			accepted += counts.path("accepted202").asLong();
			refused += counts.path("refused").asLong();
		}
		assertThat(ok).as("%s: 200", as).isEqualTo(verdict.operations(mode, "write ok"));
		assertThat(accepted).as("%s: 202", as).isEqualTo(verdict.operations(mode, "write durable"));
		assertThat(refused).as("%s: refused", as)
			.isEqualTo(verdict.operations(mode, "write fail") + verdict.operations(mode, "write info"));
		assertThat(writes.path("total").asLong()).as(as).isEqualTo(ok + accepted + refused);
		assertThat(writes.path("answersLostOnPurpose").asLong()).as(as)
			.isEqualTo(operations.path("writes")
				.valueStream()
				.filter((w) -> w.path("mode").asString().equals(mode) && w.path("lostAnswer").asBoolean())
				.count());
	}

	/**
	 * The report says the replicas agree (equal states, no crossings, as many ops applied
	 * on each) exactly when the checker finds one applied order with nothing applied
	 * twice.
	 */
	private static void totalOrder(JsonNode column, Judge.Verdict verdict, String name) {
		boolean reportAgrees = column.path("finalStates").path("equal").asBoolean()
				&& column.path("orderAgreement").path("pairsWithCrossings").asInt() == 0
				&& column.path("orderAgreement")
					.path("appliedOps")
					.valueStream()
					.map(JsonNode::asInt)
					.distinct()
					.count() == 1;
		boolean checkerAgrees = verdict.count("total-order", "divergent-order") == 0
				&& verdict.count("total-order", "duplicate") == 0;
		assertThat(reportAgrees).as("%s total-order: the report says the replicas agree; %s", name, verdict)
			.isEqualTo(checkerAgrees);
	}

	/**
	 * Converged in the report exactly when the checker finds every replica with the model
	 * merge's state; the keys with siblings are the checker's; what last-writer-wins
	 * discarded (the ledger) is what the checker finds not kept, and a causally later
	 * write lost in the ledger exactly when the checker says
	 * {@code lww-lost-causal-write}.
	 */
	private static void reconcile(JsonNode column, Judge.Verdict verdict, String name) {
		String as = name + " reconcile: " + verdict;
		boolean converged = column.path("finalStates").path("equal").asBoolean();
		assertThat(converged).as(as)
			.isEqualTo(verdict.count("reconcile", "not-converged") == 0
					&& verdict.count("reconcile", "state-mismatch") == 0);
		Set<String> withSiblings = new TreeSet<>();
		verdict.states("reconcile").values().forEach((state) -> state.forEach((key, values) -> {
			if (values.size() > 1) {
				withSiblings.add(key);
			}
		}));
		assertThat(column.path("finalStates").path("keysWithSiblings").asLong()).as(as).isEqualTo(withSiblings.size());
		JsonNode lww = column.path("lww");
		assertThat(lww.path("conflictPolicy").asString()).as(as).isEqualTo(verdict.policy());
		long discarded = lww.path("discardedByReplica").valueStream().mapToLong(JsonNode::asLong).max().orElse(0);
		Set<String> notKept = verdict.notKept();
		assertThat(discarded).as("%s: discarded", as).isEqualTo(notKept.size());
		Set<String> losers = new TreeSet<>();
		boolean causalLoss = false;
		for (JsonNode entry : lww.path("ledger")) {
			String loser = entry.path("loser").path("opId").asString();
			losers.add(loser);
			causalLoss |= verdict.saw(loser, entry.path("winner").path("opId").asString());
		}
		assertThat(losers).as(as).isEqualTo(new TreeSet<>(notKept));
		assertThat(causalLoss).as("%s: a write lost to one it had seen", as)
			.isEqualTo(verdict.count("reconcile", "lww-lost-causal-write") > 0);
	}

	/**
	 * Each replica is a replay of its own WAL (the checker's verdict), and the keys the
	 * report says differ between replicas are the keys whose replayed states differ.
	 */
	private static void local(JsonNode column, Judge.Verdict verdict, String name, String prefix) {
		String as = name + " local: " + verdict;
		assertThat(verdict.count("local", "state-mismatch")).as(as).isZero();
		Map<String, Map<String, List<String>>> states = verdict.states("local");
		Set<String> keys = new TreeSet<>();
		states.values().forEach((state) -> keys.addAll(state.keySet()));
		List<String> differing = new ArrayList<>();
		for (String key : keys) {
			Set<List<String>> values = new HashSet<>();
			states.values().forEach((state) -> values.add(state.get(key)));
			if (values.size() > 1) {
				differing.add(key.substring(prefix.length()));
			}
		}
		List<String> reported = column.path("finalStates")
			.path("differingKeys")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
		assertThat(reported).as(as).containsExactlyInAnyOrderElementsOf(differing);
		assertThat(column.path("finalStates").path("equal").asBoolean()).as(as).isEqualTo(differing.isEmpty());
	}

	/** The report's recorded operations as the checker's client history. */
	static List<Judge.Operation> operations(JsonNode report) {
		String prefix = report.path("keyPrefix").asString();
		List<Judge.Operation> operations = new ArrayList<>();
		for (JsonNode write : report.path("operations").path("writes")) {
			operations.add(new Judge.Operation("write", write.path("replica").asString(), write.path("mode").asString(),
					prefix + write.path("key").asString(), text(write, "value"), write.path("opId").asString(),
					write.path("invokedNanos").asLong(), write.path("completedNanos").asLong(),
					write.path("outcome").asString(), null, text(write, "dot")));
		}
		for (JsonNode read : report.path("operations").path("reads")) {
			List<String> values = null;
			if (read.path("values").isArray()) {
				values = new ArrayList<>();
				for (JsonNode value : read.path("values")) {
					values.add(value.isNull() ? null : value.asString());
				}
			}
			operations.add(new Judge.Operation("read", read.path("replica").asString(), read.path("mode").asString(),
					prefix + read.path("key").asString(), null, null, read.path("invokedNanos").asLong(),
					read.path("completedNanos").asLong(), read.path("outcome").asString(), values, null));
		}
		assertThat(operations).as("the report lists the run's operations").isNotEmpty();
		return operations;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

}
