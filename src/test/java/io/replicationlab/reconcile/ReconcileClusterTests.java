package io.replicationlab.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import io.replicationlab.vclock.VersionVector;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas under {@code multi-value}, real HTTP between them: a partition makes
 * them diverge, healing makes them converge although they applied the writes in different
 * orders; concurrent writes become siblings that a write carrying the read context
 * resolves; after healing, each replica was shipped exactly the ops it was missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileClusterTests {

	/** "Within a few pull intervals" (200 ms each), with room for a busy machine. */
	static final Duration CONVERGENCE = Duration.ofSeconds(10);

	@AutoClose
	final ReplicaCluster cluster = new ReplicaCluster("multi-value");

	@AfterEach
	void heal() {
		this.cluster.heal("r1");
		awaitConverged();
	}

	@Test
	void partitionedReplicasDivergeThenConvergeWithDifferentApplyOrders() {
		Http.Response cut = this.cluster.partition("r2", """
				{"groups": [["r1"], ["r2", "r3"]]}""");
		assertThat(cut.status()).isEqualTo(200);
		assertThat(cut.json().get("applied")).hasSize(3);
		assertThat(this.cluster.request("r3", "GET", "/api/replica", null).json().get("partition").get("groups"))
			.hasSize(2);

		this.cluster.write("r1", "city", "Lyon", null);
		this.cluster.write("r1", "only-left", "1", null);
		this.cluster.write("r2", "city", "Porto", null);
		this.cluster.write("r3", "only-right", "2", null);
		await().atMost(CONVERGENCE).until(() -> this.cluster.vector("r2").equals(this.cluster.vector("r3")));
		this.cluster.write("r3", "city", "Oslo", null);
		await().atMost(CONVERGENCE).until(() -> this.cluster.vector("r2").equals(this.cluster.vector("r3")));
		assertThat(this.cluster.digest("r1")).isNotEqualTo(this.cluster.digest("r2"));
		assertThat(this.cluster.values("r1", "only-right")).isEmpty();

		awaitNothingShipped();
		Map<String, Long> missing = new HashMap<>();
		Map<String, Long> shippedBefore = new HashMap<>();
		VersionVector union = VersionVector.empty();
		for (String id : ReplicaCluster.IDS) {
			union = union.merge(VersionVector.parse(this.cluster.vector(id)));
		}
		for (String id : ReplicaCluster.IDS) {
			missing.put(id, union.countMissingFrom(VersionVector.parse(this.cluster.vector(id))));
			shippedBefore.put(id, this.cluster.shippedTo(id));
		}
		assertThat(missing).containsEntry("r1", 3L).containsEntry("r2", 2L).containsEntry("r3", 2L);

		assertThat(this.cluster.heal("r1").json().get("applied")).hasSize(3);
		awaitConverged();

		assertThat(this.cluster.vector("r1")).isEqualTo(union.toString());
		for (String id : ReplicaCluster.IDS) {
			assertThat(this.cluster.shippedTo(id) - shippedBefore.get(id)).as("ops shipped to %s", id)
				.isEqualTo(missing.get(id));
		}
		awaitNothingShipped();
		for (String id : ReplicaCluster.IDS) {
			assertThat(this.cluster.shippedTo(id) - shippedBefore.get(id)).as("ops shipped to %s once converged", id)
				.isEqualTo(missing.get(id));
		}
		assertThat(this.cluster.values("r2", "only-left")).containsExactly("1");
		assertThat(this.cluster.values("r1", "city")).containsExactlyInAnyOrder("Lyon", "Oslo");
		List<String> r1Order = this.cluster.appliedOrder("r1");
		List<String> r2Order = this.cluster.appliedOrder("r2");
		assertThat(r1Order).containsExactlyInAnyOrderElementsOf(r2Order).isNotEqualTo(r2Order);
	}

	@Test
	void concurrentWritesAreSiblingsEverywhereUntilAWriteWithTheReadContextResolvesThem() {
		this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2"], ["r3"]]}""");
		this.cluster.write("r1", "color", "red", null);
		this.cluster.write("r2", "color", "green", null);
		this.cluster.write("r3", "color", "blue", null);
		this.cluster.write("r3", "color", null, null);
		assertThat(this.cluster.values("r3", "color")).isEmpty();
		this.cluster.heal("r2");
		awaitConverged();
		for (String id : ReplicaCluster.IDS) {
			assertThat(this.cluster.values(id, "color")).as("siblings on %s", id).containsExactly("green", "red");
		}

		Http.Response read = this.cluster.read("r3", "color");
		String context = read.json().get("context").asString();
		assertRefused(this.cluster.request("r3", "PUT", "/api/reconcile/kv/color", """
				{"value": "x", "context": "r1:99"}""", Map.of()), 409);
		assertRefused(this.cluster.request("r3", "PUT", "/api/reconcile/kv/color", """
				{"value": "x", "context": "r1:one"}""", Map.of()), 400);
		this.cluster.write("r3", "color", "purple", context);
		awaitConverged();
		for (String id : ReplicaCluster.IDS) {
			assertThat(this.cluster.values(id, "color")).as("resolved on %s", id).containsExactly("purple");
		}
	}

	@Test
	void aPartitionNamingUnknownOrRepeatedReplicasIsRefused() {
		Http.Response unknown = this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2", "r9"]]}""");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
		assertThat(this.cluster.partition("r1", """
				{"groups": [["r1", "r2"], ["r2", "r3"]]}""").status()).isEqualTo(400);
		assertThat(this.cluster.partition("r1", """
				{"groups": [["r1"], []]}""").status()).isEqualTo(400);
		assertThat(this.cluster.request("r2", "GET", "/api/replica", null).json().get("partition").get("groups"))
			.isEmpty();
	}

	@Test
	void internalCallsWithoutTheClusterTokenAreRefusedAndApplyNothing() {
		String before = snapshot("r1");
		String nextOp = op(UUID.randomUUID().toString(), "r2:" + (counter("r1", "r2") + 1), "", "sneaky");
		for (Map<String, String> headers : List.of(Map.of("X-Replica-Id", "r2"),
				Map.of("X-Replica-Id", "r2", "X-Cluster-Token", "not-the-token"))) {
			assertRefused(this.cluster.request("r1", "GET", "/internal/reconcile/deltas?since=", null, headers), 401);
			assertRefused(this.cluster.request("r1", "POST", "/internal/reconcile/deltas", batch(nextOp), headers),
					401);
			assertRefused(this.cluster.request("r1", "PUT", "/internal/partition", """
					{"groups": [["r1"], ["r2", "r3"]]}""", headers), 401);
		}
		assertThat(this.cluster.request("r1", "GET", "/api/replica", null).json().get("partition").get("groups"))
			.isEmpty();
		assertThat(snapshot("r1")).isEqualTo(before);
	}

	@Test
	void forgedGappedOrConflictingBatchesAreRefusedWholeAndChangeNothing() {
		JsonNode held = this.cluster.write("r2", "forge-target", "genuine", null);
		awaitConverged();
		String before = snapshot("r1");
		String r2 = this.cluster.position("r2").get("incarnation").asString();
		long next = counter("r1", r2) + 1;
		String valid = op(UUID.randomUUID().toString(), r2 + ":" + next, "", "fine");
		Map<String, Integer> forged = new java.util.LinkedHashMap<>();
		forged.put(batch(op(UUID.randomUUID().toString(), "r9:1", "", "from nowhere")), 400);
		forged.put(batch(valid, op(UUID.randomUUID().toString(), "r9:1", "", "from nowhere")), 400);
		forged.put(batch(valid, op(UUID.randomUUID().toString(), r2 + ":" + (next + 2), "", "gap inside")), 400);
		forged.put(batch(op(UUID.randomUUID().toString(), r2 + ":" + (next + 1), "", "gap after held")), 409);
		forged.put(batch(op(held.get("opId").asString(), held.get("dot").asString(), "", "rewritten")), 409);
		forged.put(batch(op(UUID.randomUUID().toString(), r2 + ":" + next, r2 + ":" + next, "sees itself")), 400);
		forged.put(batch(op(UUID.randomUUID().toString(), "r2:zero", "", "bad dot")), 400);
		forged.put("{\"ops\": [", 400);
		Map<String, String> headers = Map.of("X-Replica-Id", "r2", "X-Cluster-Token", ReplicaCluster.TOKEN);
		forged.forEach((body, status) -> assertRefused(
				this.cluster.request("r1", "POST", "/internal/reconcile/deltas", body, headers), status));
		assertThat(snapshot("r1")).isEqualTo(before);
		assertThat(this.cluster.values("r1", "forge-target")).containsExactly("genuine");

		this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2", "r3"]]}""");
		assertRefused(this.cluster.request("r1", "GET", "/internal/reconcile/deltas?since=", null, headers), 503);
		assertRefused(this.cluster.request("r1", "POST", "/internal/reconcile/deltas", batch(valid), headers), 503);
		assertRefused(this.cluster.request("r1", "GET", "/internal/reconcile/deltas?since=", null,
				Map.of("X-Replica-Id", "r9", "X-Cluster-Token", ReplicaCluster.TOKEN)), 403);
		assertThat(snapshot("r1")).isEqualTo(before);
	}

	private void assertRefused(Http.Response answer, int status) {
		assertThat(answer.status()).as("%s", answer).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	/**
	 * What must not change when a request is refused: vector, digest, WAL size, applied
	 * log length.
	 */
	private String snapshot(String replica) {
		JsonNode info = this.cluster.request(replica, "GET", "/api/replica", null).json();
		return this.cluster.vector(replica) + " " + this.cluster.digest(replica) + " wal " + info.get("walSize")
				+ " applied " + info.get("modes").get("reconcile").get("applied");
	}

	private long counter(String replica, String origin) {
		return VersionVector.parse(this.cluster.vector(replica)).get(origin);
	}

	private static String op(String opId, String dot, String context, String value) {
		return """
				{"opId": "%s", "dot": "%s", "key": "forged", "value": "%s", "context": "%s",
				 "acceptedAt": "2026-11-29T12:00:00Z", "originLsn": 1}""".formatted(opId, dot, value, context);
	}

	private static String batch(String... ops) {
		return """
				{"replica": "r2", "since": "", "vector": "", "ops": [%s], "more": false}"""
			.formatted(String.join(",", ops));
	}

	/**
	 * Waits until no replica ships op data for three pull intervals in a row: with
	 * nothing missing, the pulls go on but carry no ops.
	 */
	private void awaitNothingShipped() {
		AtomicReference<String> last = new AtomicReference<>("");
		await().atMost(CONVERGENCE).during(Duration.ofMillis(600)).pollInterval(Duration.ofMillis(100)).until(() -> {
			String shipped = ReplicaCluster.IDS.stream()
				.map((id) -> this.cluster.position(id).get("shipped").toString())
				.toList()
				.toString();
			return shipped.equals(last.getAndSet(shipped));
		});
	}

	private void awaitConverged() {
		await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
			String vector = this.cluster.vector("r1");
			String digest = this.cluster.digest("r1");
			return ReplicaCluster.IDS.stream()
				.allMatch((id) -> this.cluster.vector(id).equals(vector) && this.cluster.digest(id).equals(digest));
		});
	}

	/**
	 * Issue 12 point 6: a delta page is bounded by bytes as well as by count. Values of
	 * 64 KiB (half of them quotes, which JSON escapes to twice their length), asked for
	 * with {@code limit=500}, come in pages of at most {@code reconcile.page-bytes} (1 MB
	 * by default), each with at least one op and saying whether more follows, and every
	 * op arrives.
	 */
	@Test
	void aDeltaPageOfLargeValuesIsBoundedByBytesAndSaysThatMoreFollows() {
		int budget = 1024 * 1024;
		Set<String> written = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			String value = ((i % 2 == 0) ? "x" : "\"").repeat(64 * 1024);
			written.add(this.cluster.write("r1", "big-" + i, value, null).get("dot").asString());
		}

		Map<String, Long> since = new TreeMap<>();
		Set<String> shipped = new HashSet<>();
		List<Integer> sizes = new ArrayList<>();
		boolean more = true;
		while (more) {
			String vector = String.join(",",
					since.entrySet().stream().map((entry) -> entry.getKey() + ":" + entry.getValue()).toList());
			Http.Response page = this.cluster.request("r1", "GET",
					"/internal/reconcile/deltas?since=" + ReplicaCluster.encode(vector) + "&limit=500", null,
					Map.of("X-Cluster-Token", ReplicaCluster.TOKEN, "X-Replica-Id", "r2"));
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			int bytes = page.body().getBytes(StandardCharsets.UTF_8).length;
			sizes.add(bytes);
			assertThat(bytes).as("page %d", sizes.size()).isLessThanOrEqualTo(budget);
			assertThat(page.json().get("ops").size()).as("a page always carries at least one op").isPositive();
			page.json().get("ops").forEach((op) -> {
				String dot = op.get("dot").asString();
				shipped.add(dot);
				int colon = dot.lastIndexOf(':');
				since.merge(dot.substring(0, colon), Long.parseLong(dot.substring(colon + 1)), Math::max);
			});
			more = page.json().get("more").asBoolean();
			assertThat(sizes).as("pages so far").hasSizeLessThan(200);
		}
		assertThat(shipped).containsAll(written);
		assertThat(sizes).as("2.5 MB of values (3.75 MB as JSON) need several pages").hasSizeGreaterThanOrEqualTo(4);
	}

}
