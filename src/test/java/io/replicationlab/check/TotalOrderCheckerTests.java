package io.replicationlab.check;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotalOrderCheckerTests {

	private static final String MODE = "total-order";

	private static final List<String> REPLICAS = List.of("r1", "r2");

	/** a=1 then b=2 then a=3, applied in that order on both replicas, states a=3, b=2. */
	private static Histories clean() {
		Histories h = new Histories().write(0, "r1", MODE, "a", "1", "o1", "ok")
			.write(1, "r2", MODE, "b", "2", "o2", "ok")
			.read(0, "r1", MODE, "b", "2")
			.write(0, "r1", MODE, "a", "3", "o3", "ok")
			.read(1, "r2", MODE, "a", "3");
		for (String r : REPLICAS) {
			h.applied(r, MODE, "o1", "a", "APPLIED")
				.applied(r, MODE, "o2", "b", "APPLIED")
				.applied(r, MODE, "o3", "a", "APPLIED");
			h.state(r, MODE, Map.of("a", List.of("3"), "b", List.of("2")), null, null);
		}
		return h;
	}

	@Test
	void aCleanHistoryIsValid() {
		Histories h = clean();
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.valid()).as(found.toString()).isEqualTo("true");
	}

	@Test
	void anAcknowledgedWriteMissingOnOneReplicaIsLost() {
		Histories h = clean().write(2, "r1", MODE, "c", "4", "o4", "durable").applied("r1", MODE, "o4", "c", "APPLIED");
		h.state("r1", MODE, Map.of("a", List.of("3"), "b", List.of("2"), "c", List.of("4")), null, null);
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("lost")).isEqualTo(1);
		assertThat(found.found().get("lost").examples().get(0).lines()).hasSize(2);
	}

	@Test
	void anOpAppliedTwiceIsADuplicate() {
		Histories h = clean().applied("r2", MODE, "o3", "a", "APPLIED");
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("duplicate")).isEqualTo(1);
	}

	@Test
	void aSkippedDuplicateIsNoAnomaly() {
		Histories h = clean().applied("r2", MODE, "o3", "a", "DUPLICATE").applied("r1", MODE, "o3", "a", "DUPLICATE");
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).valid()).isEqualTo("true");
	}

	@Test
	void twoOrdersAreADivergentOrder() {
		Histories h = new Histories().write(0, "r1", MODE, "a", "1", "o1", "ok")
			.write(1, "r2", MODE, "a", "2", "o2", "ok")
			.applied("r1", MODE, "o1", "a", "APPLIED")
			.applied("r1", MODE, "o2", "a", "APPLIED")
			.applied("r2", MODE, "o2", "a", "APPLIED")
			.applied("r2", MODE, "o1", "a", "APPLIED")
			.state("r1", MODE, Map.of("a", List.of("2")), null, null)
			.state("r2", MODE, Map.of("a", List.of("1")), null, null);
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("divergent-order")).isEqualTo(1);
		assertThat(found.count("state-mismatch")).isEqualTo(1);
	}

	@Test
	void anOpNoClientWroteIsFabricated() {
		Histories h = clean().applied("r1", MODE, "ghost", "a", "APPLIED").applied("r2", MODE, "ghost", "a", "APPLIED");
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("fabricated"))
			.isEqualTo(2);
	}

	@Test
	void anUnknownWriteOnOneReplicaOnlyIsPartial() {
		Histories h = clean().write(2, "r1", MODE, "c", "4", "o4", "info").applied("r1", MODE, "o4", "c", "APPLIED");
		h.state("r1", MODE, Map.of("a", List.of("3"), "b", List.of("2"), "c", List.of("4")), null, null);
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("partial")).isEqualTo(1);
		assertThat(found.count("lost")).isZero();
	}

	@Test
	void aStateThatIsNoReplayIsAStateMismatch() {
		Histories h = clean().state("r2", MODE, Map.of("a", List.of("1"), "b", List.of("2")), null, null);
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("state-mismatch"))
			.isEqualTo(1);
	}

	@Test
	void readingBeforeOnesOwnWriteIsAStaleRead() {
		Histories h = clean().read(0, "r1", MODE, "a", "1");
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("stale-read"))
			.isEqualTo(1);
	}

	@Test
	void readingAValueNoWriteGaveIsAStaleRead() {
		Histories h = clean().read(1, "r2", MODE, "b", "never-written");
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS).count("stale-read"))
			.isEqualTo(1);
	}

	@Test
	void goingBackInTimeIsANonmonotonicRead() {
		Histories h = clean().read(1, "r2", MODE, "a", "1");
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("nonmonotonic-read")).isEqualTo(1);
		assertThat(found.count("stale-read")).isZero();
	}

	/**
	 * o4 timed out on r1 and was retried on r2 with the same op id; the log then held it
	 * twice.
	 */
	private static Histories retried(String secondOutcome) {
		Histories h = clean().write(2, "r1", MODE, "c", "4", "o4", "info").write(2, "r2", MODE, "c", "4", "o4", "ok");
		for (String r : REPLICAS) {
			h.applied(r, MODE, "o4", "c", "APPLIED").applied(r, MODE, "o4", "c", secondOutcome);
			h.state(r, MODE, Map.of("a", List.of("3"), "b", List.of("2"), "c", List.of("4")), null, null);
		}
		return h;
	}

	@Test
	void aWriteRetriedElsewhereIsOneWriteAppliedOnce() {
		Histories h = retried("DUPLICATE");
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.valid()).as(found.toString()).isEqualTo("true");
	}

	@Test
	void aWriteRetriedElsewhereAndAppliedTwiceIsADuplicate() {
		Histories h = retried("APPLIED");
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("duplicate")).isEqualTo(2);
		assertThat(found.count("fabricated")).isZero();
	}

	@Test
	void aRetryAcknowledgedElsewhereMakesTheWriteAcknowledged() {
		Histories h = clean().write(2, "r1", MODE, "c", "4", "o4", "fail")
			.write(2, "r2", MODE, "c", "4", "o4", "ok")
			.applied("r2", MODE, "o4", "c", "APPLIED");
		h.state("r2", MODE, Map.of("a", List.of("3"), "b", List.of("2"), "c", List.of("4")), null, null);
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.count("lost")).as(found.toString()).isEqualTo(1);
		assertThat(found.count("fabricated")).isZero();
		assertThat(found.count("partial")).isZero();
	}

	@Test
	void aWriteAcknowledgedByAnotherReplicaIsNoFloorForReadsOnOnesOwn() {
		// process 2 reads on r1 before r1 applied the write r2 acknowledged to it
		Histories h = retried("DUPLICATE").read(2, "r1", MODE, "c");
		Anomalies found = TotalOrderChecker.check(h.events, h.observed("r1", "r2"), REPLICAS);
		assertThat(found.valid()).as(found.toString()).isEqualTo("true");
	}

	@Test
	void aReplicaThatNeverAnsweredMakesTheVerdictUnknown() {
		Histories h = clean();
		assertThat(TotalOrderChecker.check(h.events, h.observed("r1"), REPLICAS).valid()).isEqualTo("unknown");
	}

}
