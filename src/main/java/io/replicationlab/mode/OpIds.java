package io.replicationlab.mode;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The op ids a replica gives writes that came without one: UUID version 7 (RFC 9562,
 * section 5.7), whose first 48 bits are the Unix time in milliseconds, so that ids made
 * one after another sort one after another.
 *
 * <p>
 * Why it matters: four B-trees of a replica are keyed by op id (the WAL's uniqueness
 * index, the applied log's lookup index, the total-order dedup table and its ordered
 * marks). A random version-4 id lands on a random leaf of each, and every commit rewrites
 * each leaf it touched; ids that grow with time touch the same rightmost leaves, which
 * the bare-JDBC apply floor measured at about half the CPU per op (see BENCHMARKS.md).
 * Any UUID a client gives is still taken as it is: the order only makes storage cheaper,
 * nothing relies on it.
 *
 * <p>
 * Invariant: each id this generator returns is greater than the one before it (as H2 and
 * {@link UUID#compareTo} order them: the 48-bit time keeps the sign bit clear until the
 * year 10889), also when the clock steps back or more than 4096 ids are asked for in one
 * millisecond: the 12 bits after the version are a counter within the millisecond (RFC
 * 9562 method 1), and an exhausted counter or a clock behind the last id's time continues
 * from the last id's time instead of reading the clock. The 62 bits after the variant are
 * random (a {@link SecureRandom}, as {@link UUID#randomUUID()}), so ids of different
 * replicas made in the same millisecond do not collide.
 */
@Component
final class OpIds {

	private static final int COUNTER_BITS = 12;

	private static final long COUNTER_MAX = (1L << COUNTER_BITS) - 1;

	private static final long VERSION_7 = 0x7L << COUNTER_BITS;

	private static final long VARIANT_RFC_9562 = 0x8000_0000_0000_0000L;

	private static final long RANDOM_62_BITS = 0x3FFF_FFFF_FFFF_FFFFL;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private long lastMillis = -1;

	private long counter;

	OpIds(Clock clock) {
		this.clock = clock;
	}

	/** A fresh op id, greater than every id this generator returned before. */
	synchronized UUID next() {
		long now = this.clock.millis();
		if (now > this.lastMillis) {
			this.lastMillis = now;
			// a random start in the lower half leaves at least 2048 ids per millisecond
			this.counter = this.random.nextInt(1 << (COUNTER_BITS - 1));
		}
		else if (this.counter < COUNTER_MAX) {
			this.counter++;
		}
		else {
			this.lastMillis++;
			this.counter = 0;
		}
		long mostSignificant = (this.lastMillis << 16) | VERSION_7 | this.counter;
		long leastSignificant = VARIANT_RFC_9562 | (this.random.nextLong() & RANDOM_62_BITS);
		return new UUID(mostSignificant, leastSignificant);
	}

}
