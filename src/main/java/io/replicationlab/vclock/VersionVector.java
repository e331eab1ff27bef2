package io.replicationlab.vclock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What a replica (or a read, or a write's causal context) has seen: for each replica, the
 * highest counter {@code n} such that all of that replica's dots {@code 1..n} have been
 * seen.
 *
 * <p>
 * Invariants (checked on construction, {@link IllegalArgumentException} otherwise):
 * <ul>
 * <li>every replica id matches {@code [A-Za-z0-9._-]{1,64}}, optionally with an
 * incarnation suffix {@code ~[a-z0-9]{1,15}} ({@code r1~3f9a0c2e});</li>
 * <li>every counter is {@code >= 1}: a replica with counter 0 has nothing seen and is
 * simply absent, so equal knowledge always means equal entries
 * ({@link #equals(Object)});</li>
 * <li>the vector is immutable; every "modifying" operation returns a new vector.</li>
 * </ul>
 * Because counters are contiguous, a vector can only {@link #advance(Dot)} one dot at a
 * time; a transition that would skip a dot throws {@link IllegalStateException}.
 *
 * <p>
 * Order: {@link #descends(VersionVector)} is a partial order (reflexive, antisymmetric,
 * transitive), {@link #merge(VersionVector)} is its least upper bound, and
 * {@link #compare(VersionVector)} names the relation between any two vectors.
 *
 * <p>
 * Text form (stable API): {@code r1:3,r2:5}, entries sorted by replica id, no whitespace;
 * the empty vector is the empty string. {@link #toString()} writes it,
 * {@link #parse(String)} reads it.
 */
public final class VersionVector {

	private static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

	/**
	 * Read-only views of a map sorted by replica id, without counters below 1, never
	 * mutated.
	 */
	private final SortedMap<String, Long> entries;

	private final SortedSet<String> replicas;

	private VersionVector(TreeMap<String, Long> counters) {
		this.entries = Collections.unmodifiableSortedMap(counters);
		this.replicas = Collections.unmodifiableSortedSet(counters.navigableKeySet());
	}

	/** The vector that has seen nothing: every {@link #get(String)} is 0. */
	public static VersionVector empty() {
		return EMPTY;
	}

	/**
	 * The vector with the given counters. Entries with counter 0 are dropped (0 means
	 * "nothing seen"); the map is copied.
	 * @throws IllegalArgumentException for a null key or value, a bad replica id or a
	 * negative counter
	 */
	public static VersionVector of(Map<String, Long> counters) {
		Objects.requireNonNull(counters, "counters");
		TreeMap<String, Long> copy = new TreeMap<>();
		counters.forEach((replica, counter) -> {
			Syntax.requireReplica(replica);
			if (counter == null || counter < 0) {
				throw new IllegalArgumentException("negative or null counter for replica " + replica + ": " + counter);
			}
			if (counter > 0) {
				copy.put(replica, counter);
			}
		});
		return copy.isEmpty() ? EMPTY : new VersionVector(copy);
	}

	/**
	 * Reads the text form {@code r1:3,r2:5}. Null or blank text is the empty vector.
	 * Entries may come in any order and may have counter 0 (dropped); whitespace is not
	 * allowed.
	 * @throws IllegalArgumentException naming the problem: whitespace, an empty or
	 * malformed entry, a duplicate replica, a negative, non-numeric or out-of-range
	 * counter, a bad replica id
	 */
	public static VersionVector parse(String text) {
		if (text == null || text.isBlank()) {
			return EMPTY;
		}
		if (text.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException("whitespace in version vector '" + text + "'");
		}
		TreeMap<String, Long> counters = new TreeMap<>();
		for (String entry : text.split(",", -1)) {
			int colon = entry.indexOf(':');
			if (colon < 0 || colon != entry.lastIndexOf(':')) {
				throw new IllegalArgumentException(
						"bad entry '" + entry + "' in version vector '" + text + "': expected replica:counter");
			}
			String replica = Syntax.requireReplica(entry.substring(0, colon));
			long counter = Syntax.parseCounter(entry.substring(colon + 1), entry);
			if (counters.put(replica, counter) != null) {
				throw new IllegalArgumentException(
						"duplicate replica '" + replica + "' in version vector '" + text + "'");
			}
		}
		counters.values().removeIf(counter -> counter == 0);
		return counters.isEmpty() ? EMPTY : new VersionVector(counters);
	}

	/**
	 * The least upper bound of all {@code vectors} (their pointwise maximum):
	 * {@link #empty()} for none. Handy for the context of a set of siblings.
	 */
	public static VersionVector mergeAll(Iterable<VersionVector> vectors) {
		VersionVector result = EMPTY;
		for (VersionVector vector : vectors) {
			result = result.merge(vector);
		}
		return result;
	}

	/**
	 * The highest contiguous counter seen from {@code replica}; 0 when nothing was seen.
	 */
	public long get(String replica) {
		return entries.getOrDefault(Objects.requireNonNull(replica, "replica"), 0L);
	}

	/** The non-zero entries, sorted by replica id; unmodifiable. */
	public SortedMap<String, Long> entries() {
		return entries;
	}

	/** The replicas with a non-zero counter, sorted; unmodifiable. */
	public SortedSet<String> replicas() {
		return replicas;
	}

	/** Whether nothing has been seen (equal to {@link #empty()}). */
	public boolean isEmpty() {
		return entries.isEmpty();
	}

	/**
	 * Whether this vector has seen everything {@code other} has: for every replica,
	 * {@code this.get(r) >= other.get(r)}. Reflexive: every vector descends itself (and
	 * {@link #empty()}).
	 */
	public boolean descends(VersionVector other) {
		for (Map.Entry<String, Long> e : other.entries.entrySet()) {
			if (get(e.getKey()) < e.getValue()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether this vector has seen everything {@code other} has and strictly more:
	 * {@code descends(other) && !equals(other)}. Irreflexive.
	 */
	public boolean dominates(VersionVector other) {
		return descends(other) && !entries.equals(other.entries);
	}

	/**
	 * Whether neither vector descends the other: each has seen an event the other has
	 * not. Symmetric.
	 */
	public boolean concurrent(VersionVector other) {
		return !descends(other) && !other.descends(this);
	}

	/**
	 * Names the causal relation of this vector to {@code other}: {@link Causality#EQUAL}
	 * (each descends the other), {@link Causality#AFTER} (this dominates),
	 * {@link Causality#BEFORE} ({@code other} dominates), {@link Causality#CONCURRENT}
	 * (neither descends the other).
	 */
	public Causality compare(VersionVector other) {
		boolean down = descends(other);
		boolean up = other.descends(this);
		if (down && up) {
			return Causality.EQUAL;
		}
		if (down) {
			return Causality.AFTER;
		}
		return up ? Causality.BEFORE : Causality.CONCURRENT;
	}

	/**
	 * The least upper bound of the two vectors: pointwise maximum. Commutative,
	 * associative, idempotent; the result descends both, and any vector descending both
	 * descends the result.
	 */
	public VersionVector merge(VersionVector other) {
		if (descends(other)) {
			return this;
		}
		if (other.descends(this)) {
			return other;
		}
		TreeMap<String, Long> merged = new TreeMap<>(entries);
		other.entries.forEach((replica, counter) -> merged.merge(replica, counter, Math::max));
		return new VersionVector(merged);
	}

	/**
	 * Whether the event {@code dot} has been seen:
	 * {@code dot.counter() <= get(dot.replica())}.
	 */
	public boolean covers(Dot dot) {
		return dot.counter() <= get(dot.replica());
	}

	/**
	 * The dot {@code replica} would issue next: {@code replica:(get(replica) + 1)}. Does
	 * not change this vector; see {@link #advance(Dot)}.
	 * @throws IllegalArgumentException for a bad replica id
	 * @throws IllegalStateException when the counter would overflow
	 */
	public Dot nextDot(String replica) {
		long current = get(Syntax.requireReplica(replica));
		if (current == Long.MAX_VALUE) {
			throw new IllegalStateException(replica + ":" + current + " -> counter overflow");
		}
		return new Dot(replica, current + 1);
	}

	/**
	 * The vector after {@code replica} issued its next event:
	 * {@code advance(nextDot(replica))}.
	 * @throws IllegalArgumentException for a bad replica id
	 * @throws IllegalStateException when the counter would overflow
	 */
	public VersionVector increment(String replica) {
		return advance(nextDot(replica));
	}

	/**
	 * The vector that has also seen {@code dot}. Returns {@code this} when the dot is
	 * already {@linkplain #covers(Dot) covered} (a duplicate delivery); otherwise the dot
	 * must be the next one of its replica,
	 * {@code dot.counter() == get(dot.replica()) + 1}, since counters are contiguous.
	 * @throws IllegalStateException when the dot is further ahead, e.g.
	 * {@code r1:3 -> r1:5 would
	 *     leave a gap}
	 */
	public VersionVector advance(Dot dot) {
		long current = get(dot.replica());
		if (dot.counter() <= current) {
			return this;
		}
		if (dot.counter() != current + 1) {
			throw new IllegalStateException(dot.replica() + ":" + current + " -> " + dot + " would leave a gap");
		}
		TreeMap<String, Long> advanced = new TreeMap<>(entries);
		advanced.put(dot.replica(), dot.counter());
		return new VersionVector(advanced);
	}

	/**
	 * What {@code other} lacks of what this vector has seen, for a delta exchange: for
	 * every replica where {@code this.get(r) > other.get(r)}, the range
	 * {@code r:(other.get(r) .. this.get(r)]}. Sorted by replica; empty exactly when
	 * {@code other.descends(this)}. Advancing {@code other} through every dot of the
	 * ranges, in order, yields {@code other.merge(this)}.
	 */
	public List<DotRange> missingFrom(VersionVector other) {
		List<DotRange> ranges = new ArrayList<>();
		entries.forEach((replica, counter) -> {
			long theirs = other.get(replica);
			if (counter > theirs) {
				ranges.add(new DotRange(replica, theirs, counter));
			}
		});
		return List.copyOf(ranges);
	}

	/**
	 * How many dots {@code other} lacks of what this vector has seen: the sum of the
	 * counts of {@link #missingFrom(VersionVector)}, saturating at
	 * {@link Long#MAX_VALUE}. Zero exactly when {@code other.descends(this)}.
	 */
	public long countMissingFrom(VersionVector other) {
		long total = 0;
		for (Map.Entry<String, Long> e : entries.entrySet()) {
			long lacking = Math.max(0, e.getValue() - other.get(e.getKey()));
			total = lacking > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + lacking;
		}
		return total;
	}

	/** Equal when both have seen exactly the same events (same non-zero entries). */
	@Override
	public boolean equals(Object o) {
		return o instanceof VersionVector other && entries.equals(other.entries);
	}

	/** Consistent with {@link #equals(Object)}. */
	@Override
	public int hashCode() {
		return entries.hashCode();
	}

	/** The stable text form {@code r1:3,r2:5}; the empty string for {@link #empty()}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		entries.forEach((replica, counter) -> {
			if (!text.isEmpty()) {
				text.append(',');
			}
			text.append(replica).append(':').append(counter);
		});
		return text.toString();
	}

}
