package io.replicationlab.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.replicationlab.faults.WriteLoad.Ack;
import io.replicationlab.faults.WriteLoad.Target;
import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.testing.Http;
import io.replicationlab.vclock.Dot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults against the real lab (a broker and three replica JVMs, started once for the
 * class): kill -9 of replicas, the broker stopped, a kill between WAL commit and publish,
 * a partition with a kill, a replica on an empty data directory; each under a bounded
 * write load from several client threads. Every acknowledged write is recorded and looked
 * for afterwards through the API and {@code /api/cluster/verify}. Each fault prints one
 * parseable line:
 * {@code [fault] fault=... acknowledged=... lost=... duplicated=... agreement=... convergence_ms=...}.
 * The lab is shared with the other fault test classes ({@link SharedLab}).
 * <p>
 * {@code -Dfaults.h2-write-delay=500} starts the replicas with H2's default write delay,
 * a deliberately broken durability setting: the kill -9 fault then loses acknowledged
 * writes and fails (see RELIABILITY.md).
 */
@Tag("faults")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultTests {

	private static final String TO = "total-order";

	private static final String RC = "reconcile";

	private static final String[] MODES = { TO, RC, "local" };

	private static final Duration SETTLE = Duration.ofSeconds(120);

	/**
	 * How long a load may take to reach its next mark (generous: the machine may be
	 * shared and slow).
	 */
	private static final Duration LOAD_PROGRESS = Duration.ofSeconds(180);

	private final LabFixture lab;

	FaultTests(LabFixture lab) {
		this.lab = lab;
	}

	/** Each fault starts healed, whatever the previous one left. */
	@BeforeEach
	void heal() throws Exception {
		this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null);
	}

	/** Leaves the shared lab as it was found: every process running, no partition. */
	@AfterAll
	void restoreTheLab() throws Exception {
		for (String id : this.lab.replicaIds()) {
			if (!this.lab.state(id).equals("running")) {
				this.lab.restart(id);
			}
		}
		if (!this.lab.state("kafka").equals("running")) {
			this.lab.startKafka();
		}
		this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null);
	}

	/**
	 * Fault 1: r2 killed with SIGKILL three times while total-order and reconcile writes
	 * (and local ones, which only the origin's WAL keeps) flow to every replica.
	 */
	@Test
	@Order(1)
	void repeatedKill9DuringTotalOrderAndReconcileWrites() throws Exception {
		List<String> ids = this.lab.replicaIds();
		int kills = 3;
		WriteLoad load = new WriteLoad("kill9", 6, Integer.MAX_VALUE, Duration.ofMillis(20), (n) -> {
			String id = ids.get(n % 3);
			return new Target(id, this.lab.url(id), MODES[(n / 3) % 3], null);
		});
		try (load) {
			for (int kill = 0; kill < kills; kill++) {
				int before = load.acknowledged();
				await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= before + 60);
				this.lab.kill("r2");
				int during = load.acknowledged();
				await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= during + 30);
				this.lab.restart("r2");
			}
			load.finish();
		}
		long healedAt = System.nanoTime();
		List<Ack> acks = load.acks();
		int lostFromOriginWal = missingFromOriginWal(acks);

		JsonNode totalOrder = History.verify(this.lab.url("r1"), TO, 60);
		JsonNode reconcile = History.verify(this.lab.url("r1"), RC, 60);
		long convergedMs = Duration.ofNanos(System.nanoTime() - healedAt).toMillis();
		Counts ordered = appliedEverywhereOnce(load.acks(TO));
		int reconcileMissing = missingFromEveryWal(load.acks(RC), RC);

		report("kill9-x3", kills, load, acks.size(), lostFromOriginWal + ordered.missing() + reconcileMissing,
				ordered.duplicated(), holds(totalOrder, "agreement"), convergedMs,
				"reconcileConverged=" + holds(reconcile, "convergence"));
		assertThat(load.refusals()).as("writes refused (not cut off) by a replica").isEmpty();
		assertJudgedEveryReplica(totalOrder);
		assertJudgedEveryReplica(reconcile);
		assertThat(load.failed()).as("writes cut off by the kills").isPositive();
		assertThat(lostFromOriginWal).as("acknowledged writes missing from their origin's WAL").isZero();
		assertThat(ordered.missing()).as("ordered ops not applied on every replica").isZero();
		assertThat(ordered.duplicated()).as("ordered ops applied twice somewhere").isZero();
		assertThat(reconcileMissing).as("reconcile writes missing from some replica").isZero();
		assertHolds(totalOrder, "agreement", "integrity", "no-loss", "no-fabrication");
		assertHolds(reconcile, "convergence", "no-lost-write");
	}

	/**
	 * Fault 2: the broker stopped while await=durable total-order writes flow, then
	 * started again.
	 */
	@Test
	@Order(2)
	void brokerStoppedDuringDurableWrites() throws Exception {
		List<String> ids = this.lab.replicaIds();
		WriteLoad load = new WriteLoad("broker", 3, 300, Duration.ofMillis(25), (n) -> {
			String id = ids.get(n % 3);
			return new Target(id, this.lab.url(id), TO, "durable");
		});
		try (load) {
			await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= 60);
			this.lab.stopKafka();
			try {
				int stoppedAt = load.acknowledged();
				await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= stoppedAt + 150);
			}
			finally {
				// a broker left down would fail the faults after this one too
				this.lab.startKafka();
			}
			load.drain();
		}
		long restartedAt = System.nanoTime();
		List<Ack> acks = load.acks();
		// waits until every replica applied every write: a consumer reconnecting after
		// the broker's return can stand
		// still for longer than the verifier's quiescence stillness, so the verifier
		// judges after this
		Counts ordered = appliedEverywhereOnce(acks);
		long orderedMs = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
		JsonNode totalOrder = History.verify(this.lab.url("r2"), TO, 60);
		report("broker-stop", 1, load, acks.size(), ordered.missing() + missingFromOriginWal(acks),
				ordered.duplicated(), holds(totalOrder, "agreement"), orderedMs, "non200=" + (load.refused()
						+ load.failed() + acks.stream().filter((ack) -> ack.httpStatus() != 200).count()));
		assertThat(load.refusals()).as("refused writes").isEmpty();
		assertThat(load.failed()).as("writes without an answer").isZero();
		assertJudgedEveryReplica(totalOrder);
		assertThat(acks).hasSize(900).allSatisfy((ack) -> assertThat(ack.httpStatus()).isEqualTo(200));
		assertThat(ordered.missing()).isZero();
		assertThat(ordered.duplicated()).isZero();
		assertHolds(totalOrder, "agreement", "integrity", "no-loss", "no-fabrication");
	}

	/**
	 * Fault 3: r2 cut from Kafka commits await=durable writes to its WAL and outbox, and
	 * is killed before its relay could publish them; after its restart they are
	 * published, and applied once on every replica.
	 */
	@Test
	@Order(3)
	void killBetweenWalCommitAndPublish() throws Exception {
		Http.Response cut = this.lab.http("r1")
			.sendJson("POST", "/api/cluster/partition",
					"{\"groups\": [[\"r1\", \"r2\", \"r3\"]], \"kafka\": [\"r1\", \"r3\"]}");
		assertThat(cut.status()).isEqualTo(200);
		List<String> opIds = new ArrayList<>();
		for (int n = 0; n < 20; n++) {
			String opId = UUID.randomUUID().toString();
			Http.Response written = this.lab.http("r2")
				.sendJson("PUT", "/api/total-order/kv/unpublished-" + n + "?await=durable",
						"{\"value\":\"v" + n + "\",\"opId\":\"" + opId + "\"}");
			assertThat(written.status()).isEqualTo(200);
			opIds.add(opId);
		}
		for (String opId : opIds) {
			JsonNode status = this.lab.http("r2").get("/api/replica/ops/" + opId).json();
			assertThat(status.get("status").asString()).as("not published while cut from Kafka").isEqualTo("durable");
		}
		this.lab.kill("r2");
		long killedAt = System.nanoTime();
		this.lab.restart("r2");
		assertThat(this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null).status()).isEqualTo(200);
		await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
			for (String id : this.lab.replicaIds()) {
				assertThat(History.applied(this.lab.url(id), TO)).as(id).containsAll(opIds);
			}
		});
		long publishedMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
		JsonNode totalOrder = History.verify(this.lab.url("r3"), TO, 30);
		Counts ordered = appliedEverywhereOnce(
				opIds.stream().map((id) -> new Ack(id, "r2", TO, null, null, 200, "durable")).toList());
		report("kill-before-publish", 1, null, opIds.size(), ordered.missing(), ordered.duplicated(),
				holds(totalOrder, "agreement"), publishedMs, "sequentialWrites=20");
		assertJudgedEveryReplica(totalOrder);
		assertThat(ordered.missing()).isZero();
		assertThat(ordered.duplicated()).isZero();
		assertHolds(totalOrder, "agreement", "integrity", "no-loss");
	}

	/**
	 * Fault 4: reconcile writes on both sides of a partition, one side's replica killed
	 * and restarted, then healed.
	 */
	@Test
	@Order(4)
	void partitionKillAndHealInReconcile() throws Exception {
		List<String> ids = this.lab.replicaIds();
		assertThat(this.lab.http("r2")
			.sendJson("POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}")
			.status()).isEqualTo(200);
		WriteLoad load = new WriteLoad("split", 3, Integer.MAX_VALUE, Duration.ofMillis(20), (n) -> {
			String id = ids.get(n % 3);
			return new Target(id, this.lab.url(id), RC, null);
		});
		long healedAt;
		try (load) {
			await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= 150);
			this.lab.kill("r3");
			this.lab.restart("r3");
			// a restarted replica starts healed: cut it off again from r1 until the heal
			assertThat(this.lab.http("r2")
				.sendJson("POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}")
				.status()).isEqualTo(200);
			int restartedAt = load.acknowledged();
			await().atMost(LOAD_PROGRESS).until(() -> load.acknowledged() >= restartedAt + 60);
			assertThat(this.lab.http("r1").get("/api/cluster?mode=reconcile").json().get("diverged").asBoolean())
				.as("diverged while partitioned")
				.isTrue();
			assertThat(this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null).status()).isEqualTo(200);
			healedAt = System.nanoTime();
			load.finish();
		}
		JsonNode reconcile = History.verify(this.lab.url("r1"), RC, 60);
		long convergedMs = Duration.ofNanos(System.nanoTime() - healedAt).toMillis();
		List<Ack> acks = load.acks();
		int missing = missingFromOriginWal(acks) + missingFromEveryWal(acks, RC);
		report("partition-kill-heal", 1, load, acks.size(), missing, duplicatedInWals(RC),
				holds(reconcile, "convergence"), convergedMs, "");
		assertThat(load.refusals()).as("writes refused (not cut off) by a replica").isEmpty();
		assertJudgedEveryReplica(reconcile);
		assertThat(missing).isZero();
		assertThat(duplicatedInWals(RC)).isZero();
		assertHolds(reconcile, "convergence", "no-lost-write");
	}

	/**
	 * Fault 5: r3 restarted on an empty data directory. It must not name new writes with
	 * dots it issued before: the dots of each lifetime of a data directory carry its own
	 * incarnation ({@code r3~3f9a0c2e:1}), so it takes writes at once, under a name none
	 * of its earlier dots has.
	 */
	@Test
	@Order(5)
	void aReplicaOnAnEmptyDataDirectoryReusesNoDot() throws Exception {
		List<String> before = new ArrayList<>();
		String oldName = null;
		for (int n = 0; n < 30; n++) {
			Http.Response written = this.lab.http("r3")
				.sendJson("PUT", "/api/reconcile/kv/amnesia-" + (n % 5), "{\"value\":\"before-" + n + "\"}");
			assertThat(written.status()).isEqualTo(200);
			JsonNode receipt = written.json();
			before.add(receipt.get("opId").asString());
			oldName = Dot.parse(receipt.get("dot").asString()).replica();
		}
		String issuedBefore = oldName;
		long highest = counterOf(vector(this.lab.url("r3")), issuedBefore);
		await().atMost(SETTLE).ignoreExceptions().untilAsserted(() -> {
			for (String id : List.of("r1", "r2")) {
				assertThat(counterOf(vector(this.lab.url(id)), issuedBefore)).isEqualTo(highest);
			}
		});
		this.lab.kill("r3");
		deleteTree(this.lab.dataDir("r3"));
		long restartAt = System.nanoTime();
		this.lab.restart("r3");
		List<String> after = new ArrayList<>();
		List<Dot> newDots = new ArrayList<>();
		while (after.size() < 10) {
			Http.Response written = this.lab.http("r3")
				.sendJson("PUT", "/api/reconcile/kv/amnesia-" + after.size(), "{\"value\":\"after\"}");
			assertThat(written.status()).as(written.body()).isEqualTo(200);
			JsonNode receipt = written.json();
			after.add(receipt.get("opId").asString());
			newDots.add(Dot.parse(receipt.get("dot").asString()));
		}
		long writableMs = Duration.ofNanos(System.nanoTime() - restartAt).toMillis();
		JsonNode reconcile = History.verify(this.lab.url("r1"), RC, 60);
		List<String> everything = new ArrayList<>(before);
		everything.addAll(after);
		int missing = 0;
		for (String id : this.lab.replicaIds()) {
			Set<String> wal = new HashSet<>(History.wal(this.lab.url(id), RC));
			missing += (int) everything.stream().filter((op) -> !wal.contains(op)).count();
		}
		int reusedDots = reusedDots(this.lab.url("r1"));
		report("empty-data-dir", 1, null, everything.size(), missing, reusedDots, holds(reconcile, "convergence"),
				writableMs, "oldHighestDot=" + issuedBefore + ":" + highest + " firstNewDot=" + newDots.get(0));
		assertJudgedEveryReplica(reconcile);
		assertThat(newDots).allSatisfy((dot) -> assertThat(dot.replica()).startsWith("r3~").isNotEqualTo(issuedBefore));
		assertThat(reusedDots).as("dots naming two different ops").isZero();
		assertThat(missing).isZero();
		assertHolds(reconcile, "convergence", "no-lost-write");
	}

	record Counts(int missing, int duplicated) {
	}

	/**
	 * Waits until every replica applied every acknowledged ordered op, then counts ops
	 * applied more than once and checks that the applied orders agree (one a prefix of
	 * the other).
	 */
	private Counts appliedEverywhereOnce(List<Ack> acks) throws Exception {
		try {
			await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
				for (String id : this.lab.replicaIds()) {
					if (!new HashSet<>(History.applied(this.lab.url(id), TO))
						.containsAll(acks.stream().map(Ack::opId).toList())) {
						return false;
					}
				}
				return true;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// counted as missing below
		}
		int missing = 0;
		int duplicated = 0;
		List<List<String>> sequences = new ArrayList<>();
		for (String id : this.lab.replicaIds()) {
			List<String> applied = History.applied(this.lab.url(id), TO);
			Set<String> set = new HashSet<>(applied);
			missing += (int) acks.stream().filter((ack) -> !set.contains(ack.opId())).count();
			duplicated += History.duplicated(applied);
			sequences.add(applied);
		}
		for (List<String> sequence : sequences) {
			List<String> first = sequences.get(0);
			int common = Math.min(first.size(), sequence.size());
			assertThat(sequence.subList(0, common)).as("one applied order everywhere")
				.isEqualTo(first.subList(0, common));
		}
		return new Counts(missing, duplicated);
	}

	private int missingFromOriginWal(List<Ack> acks) throws Exception {
		Map<String, Set<String>> wals = new HashMap<>();
		for (String id : this.lab.replicaIds()) {
			wals.put(id, new HashSet<>(History.wal(this.lab.url(id), null)));
		}
		return (int) acks.stream().filter((ack) -> !wals.get(ack.replica()).contains(ack.opId())).count();
	}

	private int missingFromEveryWal(List<Ack> acks, String mode) throws Exception {
		int missing = 0;
		for (String id : this.lab.replicaIds()) {
			Set<String> wal = new HashSet<>(History.wal(this.lab.url(id), mode));
			missing += (int) acks.stream().filter((ack) -> !wal.contains(ack.opId())).count();
		}
		return missing;
	}

	private int duplicatedInWals(String mode) throws Exception {
		int duplicated = 0;
		for (String id : this.lab.replicaIds()) {
			duplicated += History.duplicated(History.wal(this.lab.url(id), mode));
		}
		return duplicated;
	}

	/** Dots that name more than one op id in the replica's reconcile WAL. */
	private static int reusedDots(String url) throws Exception {
		Map<String, Set<String>> opsByDot = new HashMap<>();
		long after = 0;
		while (true) {
			JsonNode page = Http.to(url).get("/api/replica/wal?mode=reconcile&limit=1000&after=" + after).json();
			if (page.isEmpty()) {
				break;
			}
			for (JsonNode entry : page.values()) {
				opsByDot.computeIfAbsent(entry.get("dot").asString(), (dot) -> new HashSet<>())
					.add(entry.get("opId").asString());
				after = entry.get("lsn").asLong();
			}
		}
		return (int) opsByDot.values().stream().filter((ops) -> ops.size() > 1).count();
	}

	private static String vector(String url) throws Exception {
		return Http.to(url).get("/api/reconcile/kv").json().get("versionVector").asString();
	}

	private static long counterOf(String vector, String origin) {
		for (String entry : vector.split(",")) {
			String[] parts = entry.trim().split(":");
			if (parts.length == 2 && parts[0].equals(origin)) {
				return Long.parseLong(parts[1]);
			}
		}
		return 0;
	}

	private static boolean holds(JsonNode verification, String property) {
		return History.holds(verification, property);
	}

	/**
	 * The verifier read every replica's history: none unreachable, none left out. A
	 * property judged over fewer replicas than the lab has says nothing about the others.
	 */
	private void assertJudgedEveryReplica(JsonNode verification) {
		History.assertJudged(verification, this.lab.replicaIds());
	}

	private static void assertHolds(JsonNode verification, String... properties) {
		for (String property : properties) {
			assertThat(History.holds(verification, property)).as(property + " in " + verification).isTrue();
		}
	}

	private static void report(String fault, int repeats, WriteLoad load, int acknowledged, int lost, int duplicated,
			boolean agreement, long convergenceMs, String extra) {
		String loadFigure = (load != null) ? String.format("%.0f/s", load.rate()) : "sequential";
		System.out.println("[fault] fault=" + fault + " repeats=" + repeats + " load=" + loadFigure + " acknowledged="
				+ acknowledged + " cutOff=" + ((load != null) ? load.failed() : 0) + " refused="
				+ ((load != null) ? load.refused() : 0) + " lost=" + lost + " duplicated=" + duplicated + " agreement="
				+ agreement + " convergence_ms=" + convergenceMs + (extra.isEmpty() ? "" : " " + extra));
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> tree = Files.walk(root)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
