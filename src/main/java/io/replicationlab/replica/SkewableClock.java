package io.replicationlab.replica;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wall clock a replica stamps reconcile writes with, plus an offset the lab can set
 * ({@code PUT /api/lab/replicas/{id}/clock-offset}) to play a replica whose clock is
 * wrong: last-writer-wins must not let such a clock reorder causally related writes. Only
 * the accept time uses it; timeouts and metrics read the plain clock, so a skew cannot
 * make them jump.
 */
public final class SkewableClock extends Clock {

	/** A day either way: more is a typo, not a skew. */
	public static final long MAX_OFFSET_MILLIS = Duration.ofDays(1).toMillis();

	private final Clock base;

	private final AtomicLong offsetMillis = new AtomicLong();

	public SkewableClock(Clock base) {
		this.base = base;
	}

	public long offsetMillis() {
		return this.offsetMillis.get();
	}

	public void offsetMillis(long offset) {
		if (Math.abs(offset) > MAX_OFFSET_MILLIS) {
			throw new IllegalArgumentException("offset " + offset + " ms is beyond a day either way");
		}
		this.offsetMillis.set(offset);
	}

	@Override
	public ZoneId getZone() {
		return this.base.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		SkewableClock clock = new SkewableClock(this.base.withZone(zone));
		clock.offsetMillis(offsetMillis());
		return clock;
	}

	@Override
	public Instant instant() {
		return this.base.instant().plusMillis(this.offsetMillis.get());
	}

}
