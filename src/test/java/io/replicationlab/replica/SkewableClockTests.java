package io.replicationlab.replica;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SkewableClockTests {

	private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

	private final SkewableClock clock = new SkewableClock(Clock.fixed(this.now, ZoneOffset.UTC));

	@Test
	void addsTheOffsetItWasGiven() {
		assertThat(this.clock.instant()).isEqualTo(this.now);
		this.clock.offsetMillis(-60_000);
		assertThat(this.clock.instant()).isEqualTo(this.now.minusSeconds(60));
		assertThat(this.clock.offsetMillis()).isEqualTo(-60_000);
	}

	@Test
	void refusesAnOffsetBeyondADayAndKeepsTheOldOne() {
		this.clock.offsetMillis(1_000);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.clock.offsetMillis(SkewableClock.MAX_OFFSET_MILLIS + 1));
		assertThat(this.clock.offsetMillis()).isEqualTo(1_000);
	}

}
