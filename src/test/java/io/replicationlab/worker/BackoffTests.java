package io.replicationlab.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A capped exponential backoff doubles from its initial wait up to its cap, never beyond,
 * and resets.
 */
class BackoffTests {

	@Test
	void doublesFromTheInitialWaitUpToTheCapAndStaysThere() {
		Backoff backoff = Backoff.of(Duration.ofMillis(200), Duration.ofSeconds(5));
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			waits.add(backoff.current());
			backoff = backoff.next();
		}

		// 200 ms doubled five times would be 6.4 s: the cap holds even when it is no
		// power of two of the start
		assertThat(waits).extracting(Duration::toMillis)
			.containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
	}

	@Test
	void aResetStartsAgainFromTheInitialWait() {
		Backoff backedOff = Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(1)).next().next().next();

		assertThat(backedOff.current()).isEqualTo(Duration.ofMillis(800));
		assertThat(backedOff.reset()).isEqualTo(Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(1)));
	}

	@Test
	void aCapShorterThanTheInitialWaitKeepsEveryWaitAtTheInitialOne() {
		Backoff backoff = Backoff.of(Duration.ofSeconds(10), Duration.ofSeconds(5));

		assertThat(backoff.current()).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.next().current()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void refusesAWaitThatIsNotPositiveOrOutsideItsBounds() {
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.of(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessageContaining("must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(1)))
			.withMessageContaining("shorter than initial");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(6)))
			.withMessageContaining("outside");
	}

}
