package io.replicationlab.vclock;

import java.util.Comparator;

/**
 * One event: the {@code counter}-th write accepted from clients by {@code replica}.
 *
 * <p>
 * Dots are globally unique names for writes: replica {@code r1} numbers its writes
 * {@code r1:1}, {@code r1:2}, ... without gaps, so a dot never needs a wall clock or
 * coordination.
 *
 * <p>
 * Invariants (checked on construction, {@link IllegalArgumentException} otherwise):
 * <ul>
 * <li>{@code replica} matches {@code [A-Za-z0-9._-]{1,64}}, optionally with an
 * incarnation suffix {@code ~[a-z0-9]{1,15}} (so it never contains {@code :} or
 * {@code ,}, which the text forms use as separators);</li>
 * <li>{@code counter >= 1} (0 means "nothing seen" in a {@link VersionVector}, never an
 * event).</li>
 * </ul>
 *
 * <p>
 * Text form: {@code r1:7}, produced by {@link #toString()} and read by
 * {@link #parse(String)}. Natural order: by replica id, then by counter.
 *
 * @param replica the replica that accepted the write
 * @param counter that replica's sequence number for the write, from 1
 */
public record Dot(String replica, long counter) implements Comparable<Dot> {

	private static final Comparator<Dot> ORDER = Comparator.comparing(Dot::replica).thenComparingLong(Dot::counter);

	/** Validates the invariants listed on the class. */
	public Dot {
		Syntax.requireReplica(replica);
		if (counter < 1) {
			throw new IllegalArgumentException("counter must be >= 1 in dot " + replica + ":" + counter);
		}
	}

	/**
	 * Reads the text form {@code replica:counter}, e.g. {@code r1:7}.
	 * @throws IllegalArgumentException when {@code text} is null, has no single
	 * {@code :}, or either half is invalid (bad replica id, negative, zero, non-numeric
	 * counter)
	 */
	public static Dot parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("dot must not be null");
		}
		int colon = text.indexOf(':');
		if (colon < 0 || colon != text.lastIndexOf(':')) {
			throw new IllegalArgumentException("bad dot '" + text + "': expected replica:counter, e.g. r1:7");
		}
		String replica = Syntax.requireReplica(text.substring(0, colon));
		long counter = Syntax.parseCounter(text.substring(colon + 1), text);
		return new Dot(replica, counter);
	}

	/**
	 * The dot {@code replica} issues right after this one: same replica,
	 * {@code counter + 1}.
	 * @throws IllegalStateException when the counter would overflow
	 */
	public Dot next() {
		if (counter == Long.MAX_VALUE) {
			throw new IllegalStateException(this + " -> counter overflow");
		}
		return new Dot(replica, counter + 1);
	}

	/** Orders by replica id, then by counter. */
	@Override
	public int compareTo(Dot other) {
		return ORDER.compare(this, other);
	}

	/** The text form {@code replica:counter}, e.g. {@code r1:7}. */
	@Override
	public String toString() {
		return replica + ":" + counter;
	}
}
