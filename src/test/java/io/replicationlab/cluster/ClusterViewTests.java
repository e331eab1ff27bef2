package io.replicationlab.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas in this JVM, each with its own port and data directory, peers of each
 * other: the cluster view, the verifier, the {@code replication} health component and the
 * divergence gauge, in {@code local} mode (which diverges by design as soon as replicas
 * accept different writes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterViewTests {

	@TempDir
	static Path data;

	static ThreeReplicas cluster;

	@BeforeAll
	static void startThreeReplicas() {
		cluster = new ThreeReplicas(data, "cluster.health-cache-ttl=0s", "cluster.read-timeout=5s");
	}

	@AfterAll
	static void stopReplicas() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	@Order(1)
	void theClusterViewShowsTheKeysWhoseValuesDiffer() throws Exception {
		put(0, "local", "color", "blue");
		put(1, "local", "color", "red");
		put(2, "local", "size", "L");

		JsonNode view = get(0, "/api/cluster?mode=local").json();

		assertThat(view.path("mode").asString()).isEqualTo("local");
		assertThat(view.path("observedBy").asString()).isEqualTo("r1");
		assertThat(view.path("diverged").asBoolean()).isTrue();
		assertThat(view.path("unreachable").size()).isZero();
		assertThat(view.path("replicas").values()).extracting((replica) -> replica.path("replica").asString())
			.containsExactly("r1", "r2", "r3");
		assertThat(view.path("replicas").values()).allSatisfy((replica) -> {
			assertThat(replica.path("reachable").asBoolean()).isTrue();
			assertThat(replica.path("walSize").asLong()).isPositive();
			assertThat(replica.path("applied").asLong()).isPositive();
			assertThat(replica.path("digest").asString()).isNotBlank();
			assertThat(replica.has("partition")).isTrue();
		});
		JsonNode color = view.path("divergence").path("differingKeys").path("color");
		assertThat(color.path("r1").toString()).isEqualTo("[\"blue\"]");
		assertThat(color.path("r2").toString()).isEqualTo("[\"red\"]");
		assertThat(color.path("r3").toString()).isEqualTo("[]");
		assertThat(view.path("divergence").path("differingKeys").has("size")).isTrue();
		assertThat(view.path("divergence").path("groups").size()).isEqualTo(3);
	}

	@Test
	@Order(2)
	void theVerifierReportsTheDivergenceLocalExpects() throws Exception {
		Http.Response verification = get(1, "/api/cluster/verify?mode=local&quiesce=1");

		assertThat(verification.status()).isEqualTo(200);
		JsonNode body = verification.json();
		assertThat(body.path("holds").asBoolean()).isTrue();
		assertThat(body.path("replicas").toString()).isEqualTo("[\"r1\",\"r2\",\"r3\"]");
		assertThat(body.path("quiescence").path("requestedSeconds").asInt()).isEqualTo(1);
		JsonNode property = body.path("properties").get(0);
		assertThat(property.path("property").asString()).isEqualTo("expected-divergence");
		assertThat(property.path("holds").asBoolean()).isTrue();
		assertThat(property.path("observed").path("keys").has("color")).isTrue();
	}

	@Test
	@Order(3)
	void aQuiesceOutOfBoundsIsAProblem() throws Exception {
		Http.Response response = get(0, "/api/cluster/verify?mode=local&quiesce=61");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("quiesce must be between 0 and 60");
	}

	@Test
	@Order(4)
	void healthShowsTheDivergenceWhileProbesStayUp() throws Exception {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Http.Response health = get(0, "/actuator/health");
			assertThat(health.status()).isEqualTo(200);
			assertThat(health.json().path("status").asString()).isEqualTo("DIVERGED");
			JsonNode replication = health.json().path("components").path("replication");
			assertThat(replication.path("status").asString()).isEqualTo("DIVERGED");
			JsonNode local = replication.path("details").path("modes").path("local");
			assertThat(local.path("differsFrom").toString()).contains("r2").contains("r3");
			assertThat(local.path("differingKeys").has("color")).isTrue();
		});
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			Http.Response response = get(0, probe);
			assertThat(response.status()).as(probe).isEqualTo(200);
			assertThat(response.json().path("status").asString()).as(probe).isEqualTo("UP");
			assertThat(response.json().toString()).as(probe).doesNotContain("replication");
		}
	}

	@Test
	@Order(5)
	void prometheusExposesTheDivergenceGaugeAndTheApplyLatency() throws Exception {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String metrics = text(1, "/actuator/prometheus");
			assertThat(metrics).containsPattern("replication_divergence\\{mode=\"local\",replica=\"r[123]\"\\} 1.0");
			assertThat(metrics).containsPattern(
					"replication_apply_latency_seconds_count\\{mode=\"local\",replica=\"r[123]\"\\} [1-9]");
		});
	}

	@Test
	@Order(5)
	void theOpenApiDocumentDescribesTheClusterEndpoints() throws Exception {
		String document = text(0, "/v3/api-docs");

		assertThat(document).contains("\"/api/cluster\"").contains("\"/api/cluster/verify\"");
	}

	@Test
	@Order(6)
	void aClosedReplicaIsReportedUnreachableNotAnError() throws Exception {
		cluster.stop("r3");

		Http.Response view = get(0, "/api/cluster?mode=local");

		assertThat(view.status()).isEqualTo(200);
		assertThat(view.json().path("unreachable").toString()).isEqualTo("[\"r3\"]");
		JsonNode r3 = view.json().path("replicas").get(2);
		assertThat(r3.path("replica").asString()).isEqualTo("r3");
		assertThat(r3.path("reachable").asBoolean()).isFalse();
		assertThat(r3.path("error").asString()).isNotBlank();
		assertThat(view.json().path("divergence").path("differingKeys").path("color").has("r3")).isFalse();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get(0, "/actuator/health").json()
				.path("components")
				.path("replication")
				.path("details")
				.path("unreachablePeers")
				.toString()).isEqualTo("[\"r3\"]"));
		assertThat(get(0, "/api/cluster/verify?mode=local").json().path("unreachable").toString())
			.isEqualTo("[\"r3\"]");
	}

	static void put(int replica, String mode, String key, String value) {
		Http.Response answer = cluster.put(id(replica), mode, key, value, "");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
	}

	static Http.Response get(int replica, String path) {
		return cluster.http(id(replica)).get(path);
	}

	static String text(int replica, String path) {
		return get(replica, path).body();
	}

	private static String id(int replica) {
		return ThreeReplicas.IDS.get(replica);
	}

}
