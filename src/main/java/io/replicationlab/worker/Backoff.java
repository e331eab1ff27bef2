package io.replicationlab.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * A capped exponential backoff: {@code initial}, then doubled after each failure, never
 * beyond {@code cap}, back to {@code initial} after a success. A value: {@link #next()}
 * and {@link #reset()} return new ones.
 *
 * @param initial the first wait, positive
 * @param cap the longest wait, at least {@code initial}
 * @param current the wait to use now
 */
public record Backoff(Duration initial, Duration cap, Duration current) {

	public Backoff {
		Objects.requireNonNull(initial, "initial");
		Objects.requireNonNull(cap, "cap");
		Objects.requireNonNull(current, "current");
		if (initial.isNegative() || initial.isZero()) {
			throw new IllegalArgumentException("initial " + initial + " must be positive");
		}
		if (cap.compareTo(initial) < 0) {
			throw new IllegalArgumentException("cap " + cap + " is shorter than initial " + initial);
		}
		if (current.compareTo(initial) < 0 || current.compareTo(cap) > 0) {
			throw new IllegalArgumentException("current " + current + " is outside [" + initial + ", " + cap + "]");
		}
	}

	/**
	 * A backoff that waits {@code initial} first. A cap shorter than {@code initial} (a
	 * setting that makes the normal wait longer than the usual cap) keeps every wait at
	 * {@code initial}: a backoff never waits less than normal.
	 */
	public static Backoff of(Duration initial, Duration cap) {
		return new Backoff(initial, (cap.compareTo(initial) < 0) ? initial : cap, initial);
	}

	/** The backoff after one more failure: twice as long, at most {@code cap}. */
	public Backoff next() {
		Duration doubled = this.current.multipliedBy(2);
		return new Backoff(this.initial, this.cap, (doubled.compareTo(this.cap) < 0) ? doubled : this.cap);
	}

	/** The backoff after a success: {@code initial} again. */
	public Backoff reset() {
		return of(this.initial, this.cap);
	}

}
