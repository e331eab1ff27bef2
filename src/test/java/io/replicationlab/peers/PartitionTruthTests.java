package io.replicationlab.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.replicationlab.testing.FreePorts;
import io.replicationlab.testing.Http;
import io.replicationlab.testing.ReplicaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 point 9 and issue 13's asymmetric partitions, black box against three replica
 * processes: concurrent partition commands end in one partition everywhere, a replica
 * killed and restarted during a partition comes back with it, and a one-way cut lets data
 * flow one way only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionTruthTests {

	private static final Map<String, ReplicaProcess> replicas = new LinkedHashMap<>();

	private static final Map<String, Integer> ports = new LinkedHashMap<>();

	private static Path root;

	private static String peers;

	@BeforeAll
	static void start() {
		root = Path.of("target", "test-replicas", "partition-" + UUID.randomUUID()).toAbsolutePath();
		for (String id : List.of("r1", "r2", "r3")) {
			ports.put(id, FreePorts.any());
		}
		peers = ports.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=http://localhost:" + entry.getValue())
			.collect(Collectors.joining(","));
		List<CompletableFuture<ReplicaProcess>> starting = new ArrayList<>();
		ports.keySet().forEach((id) -> starting.add(CompletableFuture.supplyAsync(() -> startReplica(id))));
		List<String> ids = List.copyOf(ports.keySet());
		for (int i = 0; i < ids.size(); i++) {
			replicas.put(ids.get(i), starting.get(i).join());
		}
	}

	private static ReplicaProcess startReplica(String id) {
		return ReplicaProcess.start(id, ports.get(id), root.resolve(id), "--replica.peers=" + peers,
				"--spring.kafka.bootstrap-servers=localhost:1", "--reconcile.pull-interval=200ms");
	}

	@AfterAll
	static void stop() {
		replicas.values().forEach(ReplicaProcess::close);
	}

	@Test
	@Order(1)
	void concurrentCommandsToDifferentReplicasEndInOnePartition() {
		for (int round = 0; round < 5; round++) {
			CompletableFuture<Http.Response> atR1 = CompletableFuture
				.supplyAsync(() -> partition("r1", "{\"groups\": [[\"r1\", \"r2\"], [\"r3\"]]}"));
			CompletableFuture<Http.Response> atR3 = CompletableFuture
				.supplyAsync(() -> partition("r3", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}"));
			assertThat(atR1.join().status()).as(atR1.join().toString()).isEqualTo(200);
			assertThat(atR3.join().status()).as(atR3.join().toString()).isEqualTo(200);

			int thisRound = round;
			await("one partition on every replica, round " + round).atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(replicas.keySet().stream().map((id) -> groups(id)).distinct().toList())
					.as("round " + thisRound)
					.hasSize(1));
			assertThat(http("r1").send("DELETE", "/api/cluster/partition", null, null).status()).isEqualTo(200);
		}
	}

	@Test
	@Order(2)
	void aReplicaRestartedDuringAPartitionComesBackWithIt() {
		assertThat(partition("r1", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}").status()).isEqualTo(200);
		assertThat(replicas.get("r3").kill()).isEqualTo(ReplicaProcess.KILLED_BY_SIGKILL);

		replicas.put("r3", startReplica("r3"));

		assertThat(groups("r3")).isEqualTo("[[\"r1\"],[\"r2\",\"r3\"]]");
		assertThat(http("r1").put("reconcile", "restart-cut", "from-r1", null).status()).isEqualTo(200);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(http("r3").get("/api/reconcile/kv/restart-cut").status()).isEqualTo(404));
		assertThat(http("r2").send("DELETE", "/api/cluster/partition", null, null).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(http("r3").get("/api/reconcile/kv/restart-cut").status()).isEqualTo(200));
	}

	@Test
	@Order(3)
	void aOneWayCutLetsDataFlowOneWayOnly() {
		Http.Response cut = partition("r2",
				"{\"links\": [{\"from\": \"r1\", \"to\": \"r2\"}, {\"from\": \"r1\", \"to\": \"r3\"}]}");
		assertThat(cut.status()).as(cut.toString()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> replicas.keySet()
				.forEach((id) -> assertThat(partitionOf(id).path("links").size()).as(id).isEqualTo(2)));

		assertThat(http("r1").put("reconcile", "one-way-out", "from-r1", null).status()).isEqualTo(200);
		assertThat(http("r2").put("reconcile", "one-way-in", "from-r2", null).status()).isEqualTo(200);

		await("r1 still hears r2").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(http("r1").get("/api/reconcile/kv/one-way-in").status()).isEqualTo(200));
		await("r1's write stays on r1").during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> {
				assertThat(http("r2").get("/api/reconcile/kv/one-way-out").status()).isEqualTo(404);
				assertThat(http("r3").get("/api/reconcile/kv/one-way-out").status()).isEqualTo(404);
			});

		assertThat(http("r3").send("DELETE", "/api/cluster/partition", null, null).status()).isEqualTo(200);
		await("healed").atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(http("r2").get("/api/reconcile/kv/one-way-out").status()).isEqualTo(200));
	}

	private static Http.Response partition(String id, String body) {
		return http(id).send("POST", "/api/cluster/partition", Http.JSON, body);
	}

	private static JsonNode partitionOf(String id) {
		return http(id).get("/api/replica").json().path("partition");
	}

	private static String groups(String id) {
		return partitionOf(id).path("groups").toString();
	}

	private static Http http(String id) {
		return replicas.get(id).http();
	}

}
