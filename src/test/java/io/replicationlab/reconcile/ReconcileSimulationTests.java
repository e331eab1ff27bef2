package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.replicationlab.vclock.VersionVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded simulation of the merge, without Spring: three replicas take client writes (with
 * current, stale or empty contexts, deletes among them, clocks skewed) and exchange ops
 * at random; then fresh replicas receive the same ops in random orders, with duplicates
 * and refused out-of-order deliveries. After every step the invariants hold; at the end
 * every replica has the same state. A failure names its seed.
 */
class ReconcileSimulationTests {

	static final int SEEDS = 100;

	static final List<String> REPLICAS = List.of("r1", "r2", "r3");

	static final List<String> KEYS = List.of("a", "b", "c");

	@ParameterizedTest
	@EnumSource(ConflictPolicy.class)
	void replicasConvergeWhateverTheDeliveryOrder(ConflictPolicy policy) {
		for (long seed = 1; seed <= SEEDS; seed++) {
			try {
				simulate(new Random(seed), policy);
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError("seed " + seed + " (" + policy + "): " + ex.getMessage(), ex);
			}
		}
	}

	private void simulate(Random random, ConflictPolicy policy) {
		Map<String, SimReplica> writers = new TreeMap<>();
		REPLICAS.forEach((id) -> writers.put(id, new SimReplica(id, policy)));
		Map<String, Long> skew = new HashMap<>();
		REPLICAS.forEach((id) -> skew.put(id, (long) random.nextInt(2000) - 1000));
		Map<String, VersionVector> staleReads = new HashMap<>();
		List<ReconcileOp> all = new ArrayList<>();
		int steps = 20 + random.nextInt(40);
		for (int step = 0; step < steps; step++) {
			SimReplica replica = writers.get(REPLICAS.get(random.nextInt(REPLICAS.size())));
			if (random.nextInt(3) == 0) {
				SimReplica from = writers.get(REPLICAS.get(random.nextInt(REPLICAS.size())));
				exchangeSome(random, from, replica);
			}
			else {
				String key = KEYS.get(random.nextInt(KEYS.size()));
				VersionVector context = switch (random.nextInt(4)) {
					case 0 -> VersionVector.empty();
					case 1 -> staleReads.get(replica.id + "/" + key);
					default -> null;
				};
				if (random.nextInt(3) == 0) {
					staleReads.put(replica.id + "/" + key, replica.key(key).context());
				}
				String value = (random.nextInt(6) == 0) ? null : "v" + step;
				Instant clock = Instant.ofEpochMilli(1_000_000L + step * 10L + skew.get(replica.id));
				all.add(replica.write(key, value, context, clock));
			}
			writers.values().forEach((each) -> checkInvariants(each));
		}
		for (int round = 0; round < 3; round++) {
			for (SimReplica to : writers.values()) {
				for (SimReplica from : writers.values()) {
					exchangeAll(from, to);
				}
			}
		}
		List<SimReplica> observers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			SimReplica observer = new SimReplica("observer", policy);
			deliverShuffled(random, all, observer);
			observers.add(observer);
		}
		SimReplica reference = writers.get("r1");
		assertThat(reference.vector.countMissingFrom(VersionVector.empty())).isEqualTo(all.size());
		for (SimReplica replica : concat(writers.values(), observers)) {
			assertThat(replica.vector).isEqualTo(reference.vector);
			assertThat(replica.snapshot()).isEqualTo(reference.snapshot());
			assertThat(replica.digest()).isEqualTo(reference.digest());
		}
	}

	/**
	 * Ships a random prefix of what {@code to} lacks of {@code from}'s ops, per origin,
	 * in counter order.
	 */
	private static void exchangeSome(Random random, SimReplica from, SimReplica to) {
		for (ReconcileOp op : missing(from, to)) {
			if (random.nextInt(4) == 0) {
				break;
			}
			assertThat(to.deliver(op)).isTrue();
			checkInvariants(to);
		}
	}

	private static void exchangeAll(SimReplica from, SimReplica to) {
		for (ReconcileOp op : missing(from, to)) {
			assertThat(to.deliver(op)).isTrue();
			checkInvariants(to);
		}
	}

	private static List<ReconcileOp> missing(SimReplica from, SimReplica to) {
		return from.held.stream()
			.filter((op) -> !to.vector.covers(op.dot()))
			.sorted(Comparator.comparing(ReconcileOp::dot))
			.toList();
	}

	/**
	 * Delivers every op: the origins' streams interleaved at random, some ops delivered
	 * again, some offered ahead of their turn (refused, changing nothing).
	 */
	private static void deliverShuffled(Random random, List<ReconcileOp> all, SimReplica to) {
		Map<String, Deque<ReconcileOp>> streams = new TreeMap<>();
		all.stream()
			.sorted(Comparator.comparing(ReconcileOp::dot))
			.forEach((op) -> streams.computeIfAbsent(op.origin(), (origin) -> new ArrayDeque<>()).add(op));
		List<ReconcileOp> delivered = new ArrayList<>();
		while (streams.values().stream().anyMatch((stream) -> !stream.isEmpty())) {
			List<Deque<ReconcileOp>> open = streams.values().stream().filter((s) -> !s.isEmpty()).toList();
			Deque<ReconcileOp> stream = open.get(random.nextInt(open.size()));
			if (stream.size() > 1 && random.nextInt(5) == 0) {
				ReconcileOp ahead = new ArrayList<>(stream).get(1 + random.nextInt(stream.size() - 1));
				Map<String, KeyState> before = to.snapshot();
				assertThat(to.deliver(ahead)).as("an op ahead of its turn is refused").isFalse();
				assertThat(to.snapshot()).isEqualTo(before);
			}
			ReconcileOp op = stream.poll();
			assertThat(to.deliver(op)).isTrue();
			delivered.add(op);
			if (random.nextInt(4) == 0) {
				Map<String, KeyState> before = to.snapshot();
				assertThat(to.deliver(delivered.get(random.nextInt(delivered.size())))).isTrue();
				assertThat(to.snapshot()).as("a duplicate changes nothing").isEqualTo(before);
			}
			checkInvariants(to);
		}
	}

	/**
	 * What must hold after every step: the vector names exactly the ops held; each key's
	 * live siblings are exactly the held ops of that key that no held op's context covers
	 * (multi-value), or the highest of them (lww); so no write is lost without a reason:
	 * it is live, superseded by a write that saw it, or lost to a later concurrent one.
	 */
	static void checkInvariants(SimReplica replica) {
		check(replica.vector.countMissingFrom(VersionVector.empty()) == replica.held.size(),
				() -> "vector " + replica.vector + " names exactly the " + replica.held.size() + " ops held");
		Map<String, List<ReconcileOp>> byKey = replica.held.stream().collect(Collectors.groupingBy(ReconcileOp::key));
		for (String key : KEYS) {
			List<ReconcileOp> ops = byKey.getOrDefault(key, List.of());
			List<Sibling> uncovered = ops.stream()
				.filter((op) -> ops.stream().noneMatch((other) -> other.context().covers(op.dot())))
				.map(ReconcileOp::sibling)
				.sorted(Comparator.comparing(Sibling::dot))
				.toList();
			KeyState state = replica.key(key);
			List<Sibling> expected = (replica.policy == ConflictPolicy.MULTI_VALUE) ? uncovered
					: uncovered.stream().max(Sibling.LWW_ORDER).map(List::of).orElse(List.of());
			check(state.siblings().equals(expected), () -> "siblings of " + key + " on " + replica.id + ": "
					+ state.siblings() + ", expected " + expected);
			VersionVector context = VersionVector.empty();
			for (ReconcileOp op : ops) {
				context = context.merge(op.context()).merge(VersionVector.parse(op.dot().toString()));
			}
			VersionVector joined = context;
			check(state.context().equals(joined),
					() -> "context of " + key + " is the join of its ops' contexts and dots");
		}
	}

	private static void check(boolean holds, Supplier<String> invariant) {
		if (!holds) {
			throw new AssertionError("invariant broken: " + invariant.get());
		}
	}

	private static List<SimReplica> concat(java.util.Collection<SimReplica> a, List<SimReplica> b) {
		List<SimReplica> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

}
