package io.replicationlab.vclock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A small seeded generator for the property tests of this package, over plain JUnit: each
 * law runs {@link #COUNT} generated cases from a {@link Random} seeded by the run's seed
 * and the law's name, so one seed reproduces every law's cases. The seed is
 * {@code -Dproperty.seed=} when given, else random; a failing case reports the seed, the
 * case number and the inputs it drew.
 *
 * <p>
 * The alphabet is small on purpose (a few replicas, counters 0..6) so that equal, ordered
 * and concurrent vectors all occur often; some replica ids carry an incarnation suffix
 * ({@code r1~5c1e0b7a}), which names a different replica than {@code r1}.
 */
final class Cases {

	static final long SEED = Long.getLong("property.seed", new Random().nextLong());

	static final int COUNT = Integer.getInteger("property.cases", 500);

	static final String[] REPLICAS = { "r1", "r2", "r3", "r1~5c1e0b7a", "r2~0" };

	private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

	private static final String INCARNATION_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

	private final Random random;

	/** What this case drew, in order, for the failure message. */
	private final List<String> drawn = new ArrayList<>();

	private Cases(Random random) {
		this.random = random;
	}

	/**
	 * Checks {@code law} on {@link #COUNT} generated cases.
	 * @throws AssertionError for the first failing case, naming the seed that reproduces
	 * it
	 */
	static void forAll(String law, Consumer<Cases> check) {
		Random random = new Random(SEED ^ law.hashCode());
		for (int i = 1; i <= COUNT; i++) {
			Cases gen = new Cases(random);
			try {
				check.accept(gen);
			}
			catch (AssertionError | RuntimeException failure) {
				throw new AssertionError("law " + law + " fails on case " + i + " of " + COUNT + ", inputs " + gen.drawn
						+ "; reproduce with -Dproperty.seed=" + SEED, failure);
			}
		}
	}

	/**
	 * A model vector: a map from some of {@link #REPLICAS} to counters 0..6 (0 = nothing
	 * seen).
	 */
	Map<String, Long> model() {
		Map<String, Long> model = new LinkedHashMap<>();
		int size = this.random.nextInt(REPLICAS.length + 1);
		for (int i = 0; i < size; i++) {
			model.put(replica(), (long) this.random.nextInt(7));
		}
		return record(model);
	}

	/**
	 * A model pointwise at most {@code upper}: what a replica that saw less than
	 * {@code upper} would hold.
	 */
	Map<String, Long> below(Map<String, Long> upper) {
		Map<String, Long> lower = new LinkedHashMap<>();
		upper.forEach((replica, counter) -> {
			if (this.random.nextBoolean()) {
				lower.put(replica, (long) this.random.nextInt((int) (long) counter + 1));
			}
		});
		return record(lower);
	}

	/**
	 * Half of the time any model; else one next to the pointwise maximum of {@code a} and
	 * {@code b}: each counter of the maximum moved by -1, 0 or +1 (never below 0).
	 */
	Map<String, Long> nearMaximum(Map<String, Long> a, Map<String, Long> b) {
		if (this.random.nextBoolean()) {
			return model();
		}
		Map<String, Long> near = new LinkedHashMap<>(a);
		b.forEach((replica, counter) -> near.merge(replica, counter, Math::max));
		near.replaceAll((replica, counter) -> Math.max(0, counter + this.random.nextInt(3) - 1));
		return record(near);
	}

	VersionVector vector() {
		return VersionVector.of(model());
	}

	/**
	 * A dot of one of {@link #REPLICAS}, counter 1..8 (so past, next and gapped dots all
	 * occur).
	 */
	Dot dot() {
		return record(new Dot(replica(), 1 + this.random.nextInt(8)));
	}

	/**
	 * Any valid replica id: 1..64 characters, with an incarnation suffix half of the
	 * time.
	 */
	String anyReplicaId() {
		StringBuilder id = new StringBuilder();
		int length = 1 + this.random.nextInt(this.random.nextBoolean() ? 4 : 64);
		for (int i = 0; i < length; i++) {
			id.append(ID_CHARS.charAt(this.random.nextInt(ID_CHARS.length())));
		}
		if (this.random.nextBoolean()) {
			id.append('~');
			int incarnation = 1 + this.random.nextInt(15);
			for (int i = 0; i < incarnation; i++) {
				id.append(INCARNATION_CHARS.charAt(this.random.nextInt(INCARNATION_CHARS.length())));
			}
		}
		return record(id.toString());
	}

	/** A counter of any size from 1, small ones often. */
	long anyCounter() {
		long counter = this.random.nextBoolean() ? 1 + this.random.nextInt(10)
				: 1 + (this.random.nextLong() & Long.MAX_VALUE) % Long.MAX_VALUE;
		return record(counter);
	}

	private String replica() {
		return REPLICAS[this.random.nextInt(REPLICAS.length)];
	}

	private <T> T record(T value) {
		this.drawn.add(String.valueOf(value));
		return value;
	}

}
