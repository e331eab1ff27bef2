package io.replicationlab.check;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileCheckerTests {

	private static final String MODE = "reconcile";

	private static final List<String> REPLICAS = List.of("r1", "r2");

	/**
	 * x=1 (r1:1) and x=2 (r2:1) concurrent, then x=3 (r1:2) having seen only r1:1:
	 * siblings 2 and 3.
	 */
	private static Histories concurrent(String policy, Map<String, List<String>> state) {
		Histories h = new Histories().write(0, "r1", MODE, "x", "1", "o1", "", "r1:1", "ok")
			.write(1, "r2", MODE, "x", "2", "o2", "", "r2:1", "ok")
			.write(0, "r1", MODE, "x", "3", "o3", "r1:1", "r1:2", "ok");
		for (String r : REPLICAS) {
			h.wal(r, MODE, "o1", "x", "1", "r1:1", "")
				.wal(r, MODE, "o2", "x", "2", "r2:1", "")
				.wal(r, MODE, "o3", "x", "3", "r1:2", "r1:1");
			h.state(r, MODE, state, "r1:2,r2:1", policy);
		}
		return h;
	}

	@Test
	void siblingsAndASupersededWriteAreValid() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("2", "3")));
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.valid()).as(found.toString()).isEqualTo("true");
	}

	@Test
	void aWriteGoneWithoutAWriteThatSawItIsALostUpdate() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("3")));
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("lost-update")).isEqualTo(1);
		assertThat(found.count("state-mismatch")).isEqualTo(2);
	}

	@Test
	void anAcknowledgedWriteInNoWalIsALostUpdate() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("2", "3"))).write(2, "r2", MODE, "y", "9", "o9", "",
				"r2:2", "ok");
		assertThat(ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("lost-update"))
			.isEqualTo(1);
	}

	@Test
	void differentStatesAfterHealingAreNotConverged() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("2", "3"))).state("r2", MODE,
				Map.of("x", List.of("3")), "r1:2", "multi-value");
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("not-converged")).isEqualTo(2);
	}

	@Test
	void siblingsAClientContextShouldHaveReplacedAreAStateMismatch() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("1", "2", "3")));
		assertThat(ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("state-mismatch"))
			.isEqualTo(2);
	}

	@Test
	void lastWriterWinsKeepingAWriteOverOneThatSawItIsALostCausalWrite() {
		Histories h = concurrent("lww", Map.of("x", List.of("1")));
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("lww-lost-causal-write")).isEqualTo(2);
	}

	@Test
	void lastWriterWinsWithTheLoserRecordedIsValid() {
		Histories h = concurrent("lww", Map.of("x", List.of("3")));
		h.applied("r1", MODE, "o3", "x", "APPLIED");
		h.applied.get("r1").get(MODE).set(0, new Observed.Applied(1, "o3", "x", "APPLIED", "applied; discarded r2:1"));
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.valid()).as(found.toString()).isEqualTo("true");
	}

	@Test
	void lastWriterWinsDroppingAWriteWithoutARecordIsALostUpdate() {
		Histories h = concurrent("lww", Map.of("x", List.of("3")));
		assertThat(ReconcileChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("lost-update"))
			.isEqualTo(1);
	}

	@Test
	void aReplicaThatNeverAnsweredMakesTheVerdictUnknownAndIsNamed() {
		Histories h = concurrent("multi-value", Map.of("x", List.of("2", "3")));
		Anomalies found = ReconcileChecker.check(h.events, h.observed("r2"), REPLICAS);
		assertThat(found.valid()).isEqualTo("unknown");
		assertThat(found.unknownReasons()).containsExactly("r1 did not answer");
	}

}
