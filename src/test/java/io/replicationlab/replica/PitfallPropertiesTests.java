package io.replicationlab.replica;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PitfallPropertiesTests {

	@Test
	void noPitfallIsOnByDefault() {
		assertThat(new PitfallProperties("").on()).isEmpty();
	}

	@Test
	void pitfallsAreNamedCommaSeparated() {
		PitfallProperties pitfalls = new PitfallProperties(" ignore-context , apply-without-dedup");
		assertThat(pitfalls.on()).containsExactlyInAnyOrder(Pitfall.IGNORE_CONTEXT, Pitfall.APPLY_WITHOUT_DEDUP);
		assertThat(pitfalls.on(Pitfall.ACK_BEFORE_DURABLE)).isFalse();
	}

	@Test
	void anUnknownPitfallStopsTheReplica() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PitfallProperties("ignore-contxt"))
			.withMessageContaining("unknown pitfall 'ignore-contxt'")
			.withMessageContaining("wall-clock-lww");
	}

}
