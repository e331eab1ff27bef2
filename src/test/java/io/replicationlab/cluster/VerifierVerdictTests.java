package io.replicationlab.cluster;

import java.nio.file.Path;
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

/**
 * Issue 12 point 7, black box against three replica processes (no broker): the verifier
 * says {@code holds} only about what it saw. A durable write that never got published is
 * a named failure, ops it did not look up make the verdict unknown, {@code local} checks
 * each state against its own WAL, and with a replica killed for real the verdict is
 * {@code unknown}, never {@code holds: true}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifierVerdictTests {

	private static final Map<String, ReplicaProcess> replicas = new LinkedHashMap<>();

	@BeforeAll
	static void start() {
		Path root = Path.of("target", "test-replicas", "verdict-" + UUID.randomUUID()).toAbsolutePath();
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String id : List.of("r1", "r2", "r3")) {
			ports.put(id, FreePorts.any());
		}
		String peers = ports.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=http://localhost:" + entry.getValue())
			.collect(Collectors.joining(","));
		List<CompletableFuture<ReplicaProcess>> starting = new ArrayList<>();
		ports.forEach((id,
				port) -> starting.add(CompletableFuture
					.supplyAsync(() -> ReplicaProcess.start(id, port, root.resolve(id), "--replica.peers=" + peers,
							"--spring.kafka.bootstrap-servers=localhost:1", "--reconcile.pull-interval=200ms",
							// r2 observes with a budget of one op lookup, so that it
							// cannot examine every op
							"--cluster.max-op-lookups=" + (id.equals("r2") ? 1 : 2000)))));
		List<String> ids = List.copyOf(ports.keySet());
		for (int i = 0; i < ids.size(); i++) {
			replicas.put(ids.get(i), starting.get(i).join());
		}
	}

	@AfterAll
	static void stop() {
		replicas.values().forEach(ReplicaProcess::close);
	}

	@Test
	@Order(1)
	void aDurableWriteNeverPublishedIsANamedFailureAndUnexaminedOpsAreUnknown() {
		for (int i = 0; i < 2; i++) {
			Http.Response write = http("r1").send("PUT", "/api/total-order/kv/stuck-" + i + "?await=durable", Http.JSON,
					"{\"value\": \"v" + i + "\"}");
			assertThat(write.status()).as(write.toString()).isEqualTo(200);
			assertThat(write.json().path("status").asString()).isEqualTo("durable");
		}

		JsonNode fromR1 = verify("r1", "total-order", 10);
		assertThat(fromR1.path("holds").asBoolean()).as(fromR1.toString()).isFalse();
		assertThat(fromR1.path("verdict").asString()).isEqualTo("fails");
		JsonNode stuck = property(fromR1, "no-unpublished-write");
		assertThat(stuck.path("verdict").asString()).as(stuck.toString()).isEqualTo("fails");
		assertThat(stuck.path("counterexample").path("replicas").toString()).contains("r1");

		JsonNode fromR2 = verify("r2", "total-order", 0);
		assertThat(fromR2.path("holds").asBoolean()).as(fromR2.toString()).isFalse();
		assertThat(property(fromR2, "no-loss").path("verdict").asString()).isEqualTo("unknown");
		assertThat(property(fromR2, "no-loss").path("notes").toString()).contains("not looked up");
	}

	@Test
	@Order(2)
	void localStatesAreCheckedAgainstAReplayOfTheirOwnWal() {
		assertThat(http("r1").put("local", "mine", "one", null).status()).isEqualTo(200);
		assertThat(http("r2").put("local", "mine", "two", null).status()).isEqualTo(200);
		assertThat(http("r2").send("DELETE", "/api/local/kv/mine", null, null).status()).isEqualTo(200);

		JsonNode verification = verify("r1", "local", 0);
		assertThat(property(verification, "state-matches-wal").path("verdict").asString()).isEqualTo("holds");
		assertThat(verification.path("verdict").asString()).as(verification.toString()).isEqualTo("holds");
		assertThat(verification.path("holds").asBoolean()).isTrue();
	}

	@Test
	@Order(3)
	void withAReplicaKilledTheVerdictIsUnknownNotHolds() {
		assertThat(http("r1").put("reconcile", "k", "before-kill", null).status()).isEqualTo(200);
		JsonNode allUp = verify("r1", "reconcile", 10);
		assertThat(allUp.path("holds").asBoolean()).as(allUp.toString()).isTrue();
		assertThat(allUp.path("verdict").asString()).as(allUp.toString()).isEqualTo("holds");

		assertThat(replicas.get("r3").kill()).isEqualTo(ReplicaProcess.KILLED_BY_SIGKILL);
		JsonNode verification = verify("r1", "reconcile", 0);

		assertThat(verification.path("holds").asBoolean()).as(verification.toString()).isFalse();
		assertThat(verification.path("verdict").asString()).isEqualTo("unknown");
		assertThat(verification.path("unreachable").toString()).contains("r3");
		assertThat(verification.path("reasons").toString()).contains("r3 unreachable");
		verification.path("properties")
			.values()
			.forEach((check) -> assertThat(check.path("verdict").asString()).as(check.toString()).isEqualTo("unknown"));
	}

	private static JsonNode verify(String id, String mode, int quiesce) {
		Http.Response answer = http(id).get("/api/cluster/verify?mode=" + mode + "&quiesce=" + quiesce);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

	private static JsonNode property(JsonNode verification, String name) {
		for (JsonNode check : verification.path("properties").values()) {
			if (check.path("property").asString().equals(name)) {
				return check;
			}
		}
		throw new AssertionError("no property " + name + " in " + verification);
	}

	private static Http http(String id) {
		return replicas.get(id).http();
	}

}
