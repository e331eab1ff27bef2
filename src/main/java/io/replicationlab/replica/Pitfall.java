package io.replicationlab.replica;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A switch that breaks one guarantee on purpose, so that users watch the checker
 * ({@code ./mvnw -Pcheck verify}) catch it. Off by default; when on, health
 * ({@code pitfalls}) and the dashboard say so loudly. Each acts at one place, marked
 * {@code PITFALL}.
 */
public enum Pitfall {

	/**
	 * H2 may hold a commit for a second before writing it: a kill -9 loses acknowledged
	 * writes ({@code lost}).
	 */
	ACK_BEFORE_DURABLE("ack-before-durable"),

	/**
	 * total-order applies an op id it already applied ({@code duplicate},
	 * {@code state-mismatch}).
	 */
	APPLY_WITHOUT_DEDUP("apply-without-dedup"),

	/**
	 * total-order stores its consumed position in a transaction of its own before the
	 * applies, then waits {@link #POSITION_WINDOW} before it applies the batch: a crash
	 * between the two skips records on that replica ({@code divergent-order},
	 * {@code lost}).
	 */
	POSITION_OUTSIDE_TRANSACTION("position-outside-transaction"),

	/**
	 * reconcile's last-writer-wins stamps writes with this replica's own (skewable) wall
	 * clock and lets the highest stamp win even over a write that had seen it
	 * ({@code lww-lost-causal-write}).
	 */
	WALL_CLOCK_LWW("wall-clock-lww"),

	/**
	 * reconcile ignores the client's causal context: every write is concurrent with
	 * everything ({@code state-mismatch}).
	 */
	IGNORE_CONTEXT("ignore-context");

	/**
	 * How long {@code position-outside-transaction} waits between its position's commit
	 * and the applies. Without it the window lasts milliseconds per batch and kills never
	 * land in it: the lab widens the window so that a crash lands in it, which is the
	 * lesson. While records arrive at least once every two seconds, the consumer spends
	 * all its time there but for the applies themselves, so a kill nearly always skips a
	 * batch (500 ms missed one kill in three under the checker's load).
	 */
	public static final Duration POSITION_WINDOW = Duration.ofSeconds(2);

	private final String name;

	Pitfall(String name) {
		this.name = name;
	}

	public String pitfallName() {
		return this.name;
	}

	public static Optional<Pitfall> named(String name) {
		return Arrays.stream(values()).filter((pitfall) -> pitfall.name.equals(name)).findFirst();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
