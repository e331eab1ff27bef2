package io.replicationlab.vclock;

/**
 * The contiguous run of one replica's dots
 * {@code replica:(afterCounter+1) .. replica:upToCounter}: what a version vector holds
 * for {@code replica} beyond {@code afterCounter}. Produced by
 * {@link VersionVector#missingFrom(VersionVector)} to tell a delta exchange which ops to
 * ship.
 *
 * <p>
 * Invariants (checked on construction, {@link IllegalArgumentException} otherwise): a
 * valid replica id, {@code 0 <= afterCounter < upToCounter}, so a range is never empty.
 *
 * @param replica the replica whose dots these are
 * @param afterCounter exclusive lower bound: the receiver has already seen up to this
 * counter
 * @param upToCounter inclusive upper bound: the last dot of the run
 */
public record DotRange(String replica, long afterCounter, long upToCounter) {

	/** Validates the invariants listed on the class. */
	public DotRange {
		Syntax.requireReplica(replica);
		if (afterCounter < 0 || afterCounter >= upToCounter) {
			throw new IllegalArgumentException("bad range " + replica + ":(" + afterCounter + ".." + upToCounter
					+ "]: expected 0 <= after < upTo");
		}
	}

	/**
	 * The number of dots in the range, {@code upToCounter - afterCounter} (at least 1).
	 */
	public long count() {
		return upToCounter - afterCounter;
	}

	/** The first dot of the range: {@code replica:(afterCounter + 1)}. */
	public Dot first() {
		return new Dot(replica, afterCounter + 1);
	}

	/** The last dot of the range: {@code replica:upToCounter}. */
	public Dot last() {
		return new Dot(replica, upToCounter);
	}

	/**
	 * Whether {@code dot} lies in the range: same replica,
	 * {@code after < counter <= upTo}.
	 */
	public boolean contains(Dot dot) {
		return dot.replica().equals(replica) && dot.counter() > afterCounter && dot.counter() <= upToCounter;
	}

	/** Text form {@code r1:(3..5]} (exclusive lower, inclusive upper bound). */
	@Override
	public String toString() {
		return replica + ":(" + afterCounter + ".." + upToCounter + "]";
	}
}
