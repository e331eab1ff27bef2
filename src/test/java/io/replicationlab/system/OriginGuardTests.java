package io.replicationlab.system;

import java.nio.file.Path;
import java.util.UUID;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ReplicaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12 point 10, black box against a real replica process: a page from a foreign
 * origin changes nothing (not even with a simple cross-site form post that a browser
 * sends without a preflight), CORS answers only the cluster's own origins, requests
 * without an {@code Origin} keep working, and a replica outside the lab refuses the
 * public default token unless told it is a demo.
 */
class OriginGuardTests {

	private static final String PEER_ORIGIN = "http://localhost:59999";

	private static final String PROXY_ORIGIN = "https://lab.example.org";

	private static final String EVIL = "http://evil.example";

	private static ReplicaProcess replica;

	private static int port;

	@BeforeAll
	static void start() {
		Path dataDir = Path.of("target", "test-replicas", "origin-" + UUID.randomUUID(), "r1").toAbsolutePath();
		replica = ReplicaProcess.start("r1", dataDir, "--replica.peers=r2=" + PEER_ORIGIN,
				"--replica.allowed-origins=" + PROXY_ORIGIN, "--replica.cluster-token=origin-test-secret",
				"--replica.allow-default-token=false", "--spring.kafka.bootstrap-servers=localhost:1");
		port = replica.port();
	}

	@AfterAll
	static void stop() {
		if (replica != null) {
			replica.close();
		}
	}

	@Test
	void aSimpleCrossSiteFormPostCannotCutTheNetwork() throws Exception {
		Http.Response answer = send("POST", "/api/cluster/partition", EVIL, "text/plain",
				"{\"groups\": [[\"r1\"], [\"r2\"]]}");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(replica.http().get("/api/replica").json().path("partition").path("groups").isEmpty()).isTrue();
	}

	@Test
	void aForeignPageWritesNothing() throws Exception {
		String key = "origin-" + UUID.randomUUID().toString().substring(0, 8);
		for (String method : new String[] { "PUT", "DELETE" }) {
			Http.Response answer = send(method, "/api/local/kv/" + key, EVIL, "application/json",
					"{\"value\": \"drive-by\"}");
			assertThat(answer.status()).as(method).isEqualTo(403);
			assertThat(answer.body()).contains("foreign-origin");
		}
		assertThat(replica.http().get("/api/local/kv/" + key).status()).isEqualTo(404);
	}

	@Test
	void corsAnswersOnlyTheClustersOwnOrigins() throws Exception {
		Http.Response evil = preflight(EVIL);
		assertThat(evil.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(evil.status()).isEqualTo(403);

		for (String own : new String[] { PEER_ORIGIN, "http://127.0.0.1:59999", PROXY_ORIGIN }) {
			Http.Response answer = preflight(own);
			assertThat(answer.status()).as(own).isEqualTo(200);
			assertThat(answer.header("Access-Control-Allow-Origin")).as(own).hasValue(own);
		}
		Http.Response read = send("GET", "/api/replica", EVIL, null, null);
		assertThat(read.header("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void scriptsThePeersAndTheReplicasOwnPagesKeepWriting() throws Exception {
		String key = "origin-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(send("PUT", "/api/local/kv/" + key, null, "application/json", "{\"value\": \"curl\"}").status())
			.isEqualTo(200);
		for (String own : new String[] { "http://localhost:" + port, PEER_ORIGIN, PROXY_ORIGIN }) {
			assertThat(send("PUT", "/api/local/kv/" + key, own, "application/json", "{\"value\": \"page\"}").status())
				.as(own)
				.isEqualTo(200);
		}
		Http.Response heal = send("DELETE", "/api/cluster/partition", "http://localhost:" + port, null, null);
		assertThat(heal.status()).isEqualTo(200);
	}

	@Test
	void outsideTheLabTheDefaultTokenIsRefusedUnlessItIsADemo() {
		Path dataDir = Path.of("target", "test-replicas", "token-" + UUID.randomUUID(), "r9").toAbsolutePath();
		// closed at once should it start after all, so that a failing run leaves no
		// process behind
		assertThatThrownBy(() -> ReplicaProcess
			.start("r9", dataDir, "--replica.allow-default-token=false", "--spring.kafka.bootstrap-servers=localhost:1")
			.close()).hasMessageContaining("replica.cluster-token is the public default 'change-me'");
	}

	private static Http.Response preflight(String origin) {
		return replica.http()
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.send("OPTIONS", "/api/cluster/partition", null, null);
	}

	private static Http.Response send(String method, String path, String origin, String contentType, String body) {
		return ((origin != null) ? replica.http().header("Origin", origin) : replica.http()).send(method, path,
				contentType, body);
	}

}
