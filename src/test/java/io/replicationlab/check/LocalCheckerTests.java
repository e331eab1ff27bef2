package io.replicationlab.check;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCheckerTests {

	private static final String MODE = "local";

	private static Histories clean() {
		return new Histories().write(0, "r1", MODE, "a", "1", "o1", "ok")
			.write(1, "r2", MODE, "a", "2", "o2", "ok")
			.wal("r1", MODE, "o1", "a", "1", null, null)
			.wal("r2", MODE, "o2", "a", "2", null, null)
			.state("r1", MODE, Map.of("a", List.of("1")), null, null)
			.state("r2", MODE, Map.of("a", List.of("2")), null, null);
	}

	@Test
	void divergentReplicasEachReplayingTheirWalAreValid() {
		Histories h = clean();
		assertThat(LocalChecker.check(h.events, h.observed("r1", "r2"), List.of("r1", "r2")).valid()).isEqualTo("true");
	}

	@Test
	void anAcknowledgedWriteMissingFromItsWalIsLost() {
		Histories h = clean().write(0, "r1", MODE, "b", "3", "o3", "ok");
		assertThat(LocalChecker.check(h.events, h.observed("r1", "r2"), List.of("r1", "r2")).count("lost"))
			.isEqualTo(1);
	}

	@Test
	void aStateThatIsNoReplayOfItsWalIsAStateMismatch() {
		Histories h = clean().state("r2", MODE, Map.of("a", List.of("1")), null, null);
		assertThat(LocalChecker.check(h.events, h.observed("r1", "r2"), List.of("r1", "r2")).count("state-mismatch"))
			.isEqualTo(1);
	}

	@Test
	void aReplicaThatNeverAnsweredMakesTheVerdictUnknownAndIsNamed() {
		Histories h = clean();
		Anomalies found = LocalChecker.check(h.events, h.observed("r1"), List.of("r1", "r2"));
		assertThat(found.valid()).isEqualTo("unknown");
		assertThat(found.unknownReasons()).containsExactly("r2 did not answer");
	}

}
