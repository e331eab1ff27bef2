package io.replicationlab.vclock;

/**
 * The causal relation between two version vectors {@code a} and {@code b}, as returned by
 * {@code a.compare(b)}. Exactly one outcome holds for any pair.
 */
public enum Causality {

	/** {@code a} and {@code b} have seen exactly the same events. */
	EQUAL,

	/**
	 * {@code a} happened before {@code b}: {@code b} has seen everything {@code a} has,
	 * and more.
	 */
	BEFORE,

	/**
	 * {@code a} happened after {@code b}: {@code a} has seen everything {@code b} has,
	 * and more.
	 */
	AFTER,

	/**
	 * Neither has seen everything the other has: each saw an event the other missed.
	 * Writes with concurrent contexts are siblings; only policy (multi-value,
	 * last-writer-wins) picks between them.
	 */
	CONCURRENT;

	/**
	 * The outcome seen from the other side:
	 * {@code b.compare(a) == a.compare(b).reversed()}. Swaps {@link #BEFORE} and
	 * {@link #AFTER}; {@link #EQUAL} and {@link #CONCURRENT} are their own reverse.
	 */
	public Causality reversed() {
		return switch (this) {
			case BEFORE -> AFTER;
			case AFTER -> BEFORE;
			case EQUAL, CONCURRENT -> this;
		};
	}

}
