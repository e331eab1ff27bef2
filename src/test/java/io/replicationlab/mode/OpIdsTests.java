package io.replicationlab.mode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.replicationlab.replica.SkewableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OpIds}: version-7 UUIDs carrying the clock's millisecond, each greater than the
 * last, whatever the clock does.
 */
class OpIdsTests {

	private static final Instant NOON = Instant.parse("2026-12-03T12:00:00.123Z");

	@Test
	void anIdIsAVersion7UuidWhoseFirst48BitsAreTheClocksMillisecond() {
		UUID id = new OpIds(Clock.fixed(NOON, ZoneOffset.UTC)).next();

		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOON.toEpochMilli());
		// the text form starts with the millisecond in hex, as RFC 9562's readers expect
		assertThat(id.toString().replace("-", "")).startsWith(String.format("%012x", NOON.toEpochMilli()));
	}

	@Test
	void idsOfLaterMillisecondsSortLaterAsUuidsAndAsTheirText() {
		SkewableClock clock = new SkewableClock(Clock.fixed(NOON, ZoneOffset.UTC));
		OpIds ids = new OpIds(clock);
		List<UUID> made = new ArrayList<>();
		Random steps = new Random(7);
		for (int i = 0; i < 2000; i++) {
			made.add(ids.next());
			clock.offsetMillis(clock.offsetMillis() + steps.nextInt(3));
		}

		assertThat(made).isSorted();
		// H2 orders UUIDs as unsigned bytes, which is their lower-case text's order
		assertThat(made.stream().map(UUID::toString).toList()).isSorted();
		assertThat(new HashSet<>(made)).hasSize(made.size());
	}

	@Test
	void moreIdsThanTheCounterHoldsInOneMillisecondBorrowTheNextMillisecond() {
		OpIds ids = new OpIds(Clock.fixed(NOON, ZoneOffset.UTC));
		List<UUID> made = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			made.add(ids.next());
		}

		assertThat(made).isSorted().doesNotHaveDuplicates();
		long lastMillis = made.get(made.size() - 1).getMostSignificantBits() >>> 16;
		// at least 2048 ids per millisecond, so 10000 ids borrow at most four
		assertThat(lastMillis - NOON.toEpochMilli()).isBetween(1L, 4L);
	}

	@Test
	void aClockThatStepsBackDoesNotMakeASmallerId() {
		SkewableClock clock = new SkewableClock(Clock.fixed(NOON, ZoneOffset.UTC));
		OpIds ids = new OpIds(clock);
		UUID before = ids.next();

		clock.offsetMillis(-30_000);
		UUID after = ids.next();

		assertThat(after).isGreaterThan(before);
		assertThat(after.getMostSignificantBits() >>> 16).isEqualTo(NOON.toEpochMilli());
	}

	@Test
	void twoGeneratorsReadingTheSameClockMakeDifferentIds() {
		Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
		OpIds r1 = new OpIds(clock);
		OpIds r2 = new OpIds(clock);
		HashSet<UUID> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			seen.add(r1.next());
			seen.add(r2.next());
		}

		assertThat(seen).hasSize(2000);
	}

}
