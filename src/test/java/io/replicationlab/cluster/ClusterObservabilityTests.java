package io.replicationlab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.replicationlab.testing.Concurrently;
import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static io.replicationlab.testing.ThreeReplicas.metric;
import static io.replicationlab.testing.ThreeReplicas.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's "done when", end to end: three replicas in this JVM, peers of each other, and
 * one embedded KRaft broker. Total-order writes from many clients keep every verified
 * property; a reconcile partition shows in the verifier, in the {@code replication}
 * health component and in the divergence gauge while the probes stay UP, and healing
 * brings agreement back; the metrics exist and move. The JSON examples of
 * docs/observability.md are written to {@code target/observability-examples/} by these
 * tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterObservabilityTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Path EXAMPLES = Path.of("target", "observability-examples");

	@TempDir
	static Path dataRoot;

	private EmbeddedKafkaKraftBroker broker;

	private ThreeReplicas cluster;

	@BeforeAll
	void startBrokerAndReplicas() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.afterPropertiesSet();
		this.cluster = new ThreeReplicas(dataRoot, "spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"cluster.health-cache-ttl=0s", "cluster.read-timeout=10s", "reconcile.pull-interval=200ms",
				"totalorder.await-timeout=2s", "totalorder.check-interval=300ms", "totalorder.poll-timeout=100ms");
	}

	@AfterAll
	void stopAll() {
		if (this.cluster != null) {
			this.cluster.close();
		}
		this.broker.destroy();
	}

	@Test
	@Order(1)
	void afterConcurrentTotalOrderWritesEveryPropertyHolds() throws Exception {
		Concurrently.run(6, (t) -> {
			for (int i = 0; i < 10; i++) {
				String replica = ThreeReplicas.IDS.get((t + i) % 3);
				Http.Response answer = this.cluster.put(replica, "total-order", "color-" + (i % 4), "t" + t + "-" + i,
						"");
				// 202 is a correct answer too when applying takes longer than the
				// await timeout
				assertThat(answer.status()).as(answer.body()).isIn(200, 202);
			}
		});

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode verification = this.cluster.get("r2", "/api/cluster/verify?mode=total-order&quiesce=10");
			assertThat(verification.path("unreachable").size()).isZero();
			assertThat(verification.path("properties").values()).extracting((p) -> p.path("property").asString())
				.containsExactly("agreement", "integrity", "no-fabrication", "no-loss", "no-unpublished-write",
						"equal-prefix-equal-state");
			assertThat(verification.path("properties").values()).allSatisfy(
					(property) -> assertThat(property.path("holds").asBoolean()).as(property.toString()).isTrue());
			assertThat(verification.path("holds").asBoolean()).isTrue();
			example("total-order-verify", verification);
		});
		example("total-order-cluster", this.cluster.get("r1", "/api/cluster?mode=total-order"));
	}

	@Test
	@Order(2)
	void totalOrderMetricsExistAndMove() {
		await().atMost(PATIENCE).untilAsserted(() -> {
			String scrape = this.cluster.prometheus("r1");
			assertThat(metric(scrape, "replication_totalorder_outbox", "")).isZero();
			assertThat(metric(scrape, "replication_totalorder_lag", "")).isZero();
			assertThat(sum(scrape, "replication_wal_appends_total", "mode=\"total-order\",source=\"CLIENT\""))
				.isPositive();
			assertThat(sum(scrape, "replication_wal_appends_total", "mode=\"total-order\",source=\"KAFKA\""))
				.isPositive();
			assertThat(metric(scrape, "replication_applies_total", "mode=\"total-order\",outcome=\"applied\""))
				.isEqualTo(60);
			// a relay may publish an op twice (an acknowledgement lost on a busy
			// machine): the counter counts exactly
			// the duplicates r1's applied log recorded, however many there were
			assertThat(metric(scrape, "replication_applies_total", "mode=\"total-order\",outcome=\"duplicate\""))
				.isEqualTo(outcomes("r1", "total-order", "DUPLICATE"));
			assertThat(metric(scrape, "replication_apply_latency_seconds_count", "mode=\"total-order\"")).isEqualTo(60);
			assertThat(metric(scrape, "replication_divergence", "mode=\"total-order\"")).isZero();
		});

		// r1 cut off Kafka: its writes are durable, not ordered, and wait in its outbox
		assertThat(this.cluster.partition("r1", "{\"groups\":[[\"r1\",\"r2\",\"r3\"]],\"kafka\":[\"r2\",\"r3\"]}")
			.status()).isEqualTo(200);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.cluster.get("r1", "/actuator/health")
				.path("components")
				.path("kafka")
				.path("details")
				.path("link")
				.asString()).isEqualTo("CUT"));
		for (int i = 0; i < 3; i++) {
			Http.Response answer = this.cluster.put("r1", "total-order", "cut-" + i, "v" + i, "?await=durable");
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		}
		String cut = this.cluster.prometheus("r1");
		assertThat(metric(cut, "replication_totalorder_outbox", "")).isEqualTo(3);
		JsonNode health = this.cluster.get("r1", "/actuator/health");
		assertThat(health.path("components").path("kafka").path("status").asString()).isEqualTo("DEGRADED");
		assertThat(this.cluster.request("r1", "GET", "/actuator/health", null).status()).isEqualTo(200);
		assertThat(health.path("components").path("kafka").path("details").path("outbox").asLong()).isEqualTo(3);
		example("kafka-health-cut", health.path("components").path("kafka"));
		assertProbesUp("r1");

		this.cluster.heal("r1");
		await().atMost(PATIENCE).untilAsserted(() -> {
			String healed = this.cluster.prometheus("r1");
			assertThat(metric(healed, "replication_totalorder_outbox", "")).isZero();
			assertThat(metric(healed, "replication_totalorder_lag", "")).isZero();
			assertThat(metric(healed, "replication_applies_total", "mode=\"total-order\",outcome=\"applied\""))
				.isEqualTo(63);
			JsonNode kafka = this.cluster.get("r1", "/actuator/health").path("components").path("kafka");
			assertThat(kafka.path("status").asString()).isEqualTo("UP");
			assertThat(kafka.path("details").path("brokerReachable").asBoolean()).isTrue();
			assertThat(kafka.path("details").path("topicPartitions").asInt()).isEqualTo(1);
			assertThat(kafka.path("details").path("lag").asLong()).isZero();
			assertThat(kafka.path("details").path("outbox").asLong()).isZero();
			example("kafka-health", kafka);
		});
	}

	@Test
	@Order(3)
	void aReconcilePartitionShowsAsDivergenceWhileTheProbesStayUpAndHealingBringsAgreement() {
		assertThat(this.cluster.partition("r1", "{\"groups\":[[\"r1\"],[\"r2\",\"r3\"]]}").status()).isEqualTo(200);
		assertThat(this.cluster.put("r1", "reconcile", "color", "blue", "").status()).isEqualTo(200);
		assertThat(this.cluster.put("r2", "reconcile", "color", "red", "").status()).isEqualTo(200);
		assertThat(this.cluster.put("r3", "reconcile", "size", "L", "").status()).isEqualTo(200);

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode verification = this.cluster.get("r1", "/api/cluster/verify?mode=reconcile");
			assertThat(verification.path("holds").asBoolean()).isFalse();
			JsonNode convergence = property(verification, "convergence");
			assertThat(convergence.path("holds").asBoolean()).isFalse();
			assertThat(convergence.path("counterexample").path("replicas").toString())
				.isEqualTo("[\"r1\",\"r2\",\"r3\"]");
			// r2 and r3 talk to each other: one state, r1 another
			assertThat(convergence.path("counterexample").path("explanation").asString()).contains("2 different states")
				.containsPattern("r1 with vector \\[r1~[0-9a-f]{8}:1\\]")
				.contains("r2, r3 with vector");
			assertThat(convergence.path("counterexample").path("keys").path("color").path("r1").toString())
				.isEqualTo("[\"blue\"]");
			assertThat(convergence.path("counterexample").path("keys").path("color").path("r3").toString())
				.isEqualTo("[\"red\"]");
			assertThat(property(verification, "no-lost-write").path("holds").asBoolean()).isTrue();
			example("reconcile-verify-partitioned", verification);
		});
		for (String replica : ThreeReplicas.IDS) {
			JsonNode health = this.cluster.get(replica, "/actuator/health");
			JsonNode replication = health.path("components").path("replication");
			assertThat(replication.path("status").asString()).as(replica).isEqualTo("DIVERGED");
			assertThat(replication.path("details").path("modes").path("reconcile").path("status").asString())
				.isEqualTo("DIVERGED");
			assertThat(health.path("status").asString()).as(replica).isEqualTo("DIVERGED");
			assertThat(this.cluster.request(replica, "GET", "/actuator/health", null).status()).isEqualTo(200);
			assertProbesUp(replica);
			assertThat(metric(this.cluster.prometheus(replica), "replication_divergence", "mode=\"reconcile\""))
				.isEqualTo(1);
		}
		JsonNode r1Reconcile = this.cluster.get("r1", "/actuator/health")
			.path("components")
			.path("replication")
			.path("details")
			.path("modes")
			.path("reconcile");
		assertThat(r1Reconcile.path("differsFrom").toString()).isEqualTo("[\"r2\",\"r3\"]");
		assertThat(r1Reconcile.path("differingKeys").has("color")).isTrue();
		example("replication-health-partitioned",
				this.cluster.get("r1", "/actuator/health").path("components").path("replication"));
		example("reconcile-cluster-partitioned", this.cluster.get("r1", "/api/cluster?mode=reconcile"));

		assertThat(this.cluster.heal("r1").status()).isEqualTo(200);

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode verification = this.cluster.get("r1", "/api/cluster/verify?mode=reconcile&quiesce=5");
			assertThat(property(verification, "convergence").path("holds").asBoolean()).isTrue();
			assertThat(property(verification, "no-lost-write").path("holds").asBoolean()).isTrue();
			assertThat(verification.path("holds").asBoolean()).isTrue();
			example("reconcile-verify-healed", verification);
		});
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (String replica : ThreeReplicas.IDS) {
				JsonNode health = this.cluster.get(replica, "/actuator/health");
				assertThat(health.path("components").path("replication").path("status").asString()).as(replica)
					.isEqualTo("UP");
				assertThat(health.path("status").asString()).as(replica).isEqualTo("UP");
				assertProbesUp(replica);
			}
		});
		example("replication-health-healed",
				this.cluster.get("r1", "/actuator/health").path("components").path("replication"));
		example("reconcile-cluster-healed", this.cluster.get("r1", "/api/cluster?mode=reconcile"));
	}

	@Test
	@Order(4)
	void reconcileMetricsExistAndMove() {
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (String replica : ThreeReplicas.IDS) {
				String scrape = this.cluster.prometheus(replica);
				// blue and red were written concurrently: one key, two live siblings
				assertThat(metric(scrape, "replication_reconcile_siblings", "")).as(replica).isEqualTo(1);
				assertThat(metric(scrape, "replication_reconcile_conflicted_keys", "")).as(replica).isEqualTo(1);
				assertThat(metric(scrape, "replication_reconcile_lww_discarded_total", "")).isZero();
				assertThat(metric(scrape, "replication_applies_total", "mode=\"reconcile\",outcome=\"sibling\""))
					.as(replica)
					.isPositive();
				assertThat(metric(scrape, "replication_divergence", "mode=\"reconcile\"")).isZero();
				assertThat(sum(scrape, "replication_wal_appends_total", "mode=\"reconcile\",source=\"PEER\""))
					.isEqualTo(2);
				assertThat(metric(scrape, "replication_apply_latency_seconds_count", "mode=\"reconcile\""))
					.isEqualTo(3);
			}
			String r2 = this.cluster.prometheus("r2");
			assertThat(sum(r2, "replication_reconcile_shipped_ops_total", "peer=\"r1\"")
					+ sum(this.cluster.prometheus("r3"), "replication_reconcile_shipped_ops_total", "peer=\"r1\""))
				.isGreaterThanOrEqualTo(2);
			assertThat(sum(r2, "replication_reconcile_shipped_bytes_total", "peer=")).isPositive();
			assertThat(sum(r2, "replication_reconcile_received_ops_total", "peer=")).isPositive();
		});

		// a write whose context covers both siblings resolves them
		String context = this.cluster.get("r1", "/api/reconcile/kv/color").path("context").asString();
		assertThat(this.cluster
			.request("r1", "PUT", "/api/reconcile/kv/color", "{\"value\":\"purple\",\"context\":\"" + context + "\"}")
			.status()).isEqualTo(200);
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (String replica : ThreeReplicas.IDS) {
				String scrape = this.cluster.prometheus(replica);
				assertThat(metric(scrape, "replication_reconcile_siblings", "")).as(replica).isZero();
				assertThat(metric(scrape, "replication_reconcile_conflicted_keys", "")).as(replica).isZero();
			}
		});
		example("prometheus-r1",
				this.cluster.prometheus("r1")
					.lines()
					.filter((line) -> line.startsWith("replication_"))
					.reduce("", (all, line) -> all + line + "\n"));
	}

	private void assertProbesUp(String replica) {
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			Http.Response answer = this.cluster.request(replica, "GET", probe, null);
			assertThat(answer.status()).as(replica + probe).isEqualTo(200);
			assertThat(answer.json().path("status").asString()).as(replica + probe).isEqualTo("UP");
			assertThat(answer.body()).as(replica + probe).doesNotContain("replication").doesNotContain("kafka");
		}
	}

	/** How many rows of the replica's applied log of the mode have the outcome. */
	private double outcomes(String replica, String mode, String outcome) {
		return this.cluster.applied(replica, mode)
			.stream()
			.filter((row) -> row.path("outcome").asString().equals(outcome))
			.count();
	}

	private static JsonNode property(JsonNode verification, String name) {
		for (JsonNode property : verification.path("properties")) {
			if (property.path("property").asString().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("no property " + name + " in " + verification);
	}

	/** Keeps the latest answer as an example for the README. */
	private static void example(String name, Object answer) {
		String text = (answer instanceof JsonNode node) ? node.toPrettyString() : answer.toString();
		try {
			Files.createDirectories(EXAMPLES);
			Files.writeString(EXAMPLES.resolve(name + ((answer instanceof JsonNode) ? ".json" : ".txt")), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
