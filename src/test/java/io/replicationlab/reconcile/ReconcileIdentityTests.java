package io.replicationlab.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What names a reconcile write, black box over real HTTP between three replicas with a
 * delta page of 5 ops: a client retrying one opId on two replicas makes one logical write
 * under two dots that never jams replication, and a replica restarted on an empty data
 * directory never names a new write with a dot its earlier life issued, whichever subset
 * of its old ops the reachable peer holds and even when it is stopped again during its
 * catch-up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileIdentityTests {

	private static final Duration CONVERGENCE = Duration.ofSeconds(20);

	private Path dataRoot;

	private ThreeReplicas replicas;

	@BeforeAll
	void start(@TempDir Path dataRoot) {
		this.dataRoot = dataRoot;
		this.replicas = new ThreeReplicas(dataRoot, "reconcile.pull-interval=200ms", "reconcile.page-size=5",
				"springdoc.api-docs.enabled=false", "logging.level.io.replicationlab=info");
	}

	@AfterAll
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
	}

	@AfterEach
	void healed() {
		for (String id : ThreeReplicas.IDS) {
			if (this.replicas.context(id) == null) {
				this.replicas.start(id);
			}
		}
		this.replicas.heal("r1");
	}

	@Test
	void aRetryOfOneOpIdOnAnotherReplicaIsOneWriteAndReplicationGoesOn() {
		assertThat(this.replicas.partition("r1", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}").status()).isEqualTo(200);
		String opId = UUID.randomUUID().toString();
		JsonNode first = write("r1", "retried", "once", opId);
		JsonNode retried = write("r2", "retried", "once", opId);
		assertThat(retried.get("dot").asString()).isNotEqualTo(first.get("dot").asString());
		JsonNode again = write("r1", "retried", "once", opId);
		assertThat(again.get("dot")).as("a retry on the same replica").isEqualTo(first.get("dot"));
		assertThat(again.get("lsn")).isEqualTo(first.get("lsn"));

		this.replicas.heal("r1");
		write("r3", "after-heal", "travels", UUID.randomUUID().toString());
		awaitConverged();
		for (String id : ThreeReplicas.IDS) {
			assertThat(values(id, "retried")).as("the retried write on " + id).containsExactly("once");
			assertThat(values(id, "after-heal")).as("a later write on " + id).containsExactly("travels");
			assertThat(wal(id).stream().filter((row) -> row.get("opId").asString().equals(opId)))
				.as("both dots of the retried write in %s's WAL", id)
				.hasSize(2);
		}
		assertThat(write("r3", "retried", "once", opId).get("dot").asString()).isIn(first.get("dot").asString(),
				retried.get("dot").asString());
		assertVerified();

		String context = this.replicas.get("r2", "/api/reconcile/kv/retried").get("context").asString();
		this.replicas.request("r2", "PUT", "/api/reconcile/kv/retried",
				Http.json(Map.of("value", "replaced", "context", context)));
		awaitConverged();
		ThreeReplicas.IDS.forEach((id) -> assertThat(values(id, "retried")).containsExactly("replaced"));
		assertVerified();
	}

	@Test
	void aReplicaRestartedOnAnEmptyDataDirectoryNeverReusesADot() {
		List<String> written = new ArrayList<>();
		for (int n = 0; n < 20; n++) {
			written.add(write("r1", "old-" + n, "old-" + n, UUID.randomUUID().toString()).get("dot").asString());
		}
		awaitConverged();
		this.replicas.stop("r3");
		for (int n = 20; n < 40; n++) {
			written.add(write("r1", "old-" + n, "old-" + n, UUID.randomUUID().toString()).get("dot").asString());
		}
		await().atMost(CONVERGENCE).until(() -> vector("r2").equals(vector("r1")));

		// r1 loses its data; only r3, which holds the first 20 of its 40 ops, is up when
		// it comes back
		this.replicas.stop("r1");
		deleteTree(this.dataRoot.resolve("r1"));
		this.replicas.stop("r2");
		this.replicas.start("r3");
		this.replicas.start("r1");
		await().atMost(CONVERGENCE)
			.until(() -> this.replicas.get("r1", "/api/reconcile/kv").get("entries").size() >= 5);
		// stopped again during (or right after) its catch-up from r3
		this.replicas.stop("r1");
		this.replicas.start("r1");
		for (int n = 0; n < 10; n++) {
			String key = "new-" + n;
			await().atMost(CONVERGENCE).until(() -> put("r1", key, key, UUID.randomUUID().toString()).status() == 200);
		}
		this.replicas.start("r2");
		awaitConverged();

		for (String id : ThreeReplicas.IDS) {
			for (int n = 0; n < 40; n++) {
				assertThat(values(id, "old-" + n)).as("old-" + n + " on " + id).containsExactly("old-" + n);
			}
			for (int n = 0; n < 10; n++) {
				assertThat(values(id, "new-" + n)).as("new-" + n + " on " + id).containsExactly("new-" + n);
			}
			Map<String, Set<String>> opsByDot = new HashMap<>();
			wal(id).forEach((row) -> opsByDot.computeIfAbsent(row.get("dot").asString(), (dot) -> new HashSet<>())
				.add(row.get("opId").asString()));
			assertThat(opsByDot).as("dots of %s's WAL", id).allSatisfy((dot, ops) -> assertThat(ops).hasSize(1));
			assertThat(opsByDot).as("every op written on r1 in %s's WAL", id)
				.containsKeys(written.toArray(String[]::new));
		}
		assertVerified();
	}

	private JsonNode write(String replica, String key, String value, String opId) {
		Http.Response answer = put(replica, key, value, opId);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private Http.Response put(String replica, String key, String value, String opId) {
		return this.replicas.request(replica, "PUT", "/api/reconcile/kv/" + key,
				Http.json(Map.of("value", value, "opId", opId)));
	}

	private List<String> values(String replica, String key) {
		Http.Response answer = this.replicas.request(replica, "GET", "/api/reconcile/kv/" + key, null);
		if (answer.status() == 404) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		answer.json().get("values").forEach((value) -> values.add(value.asString()));
		return values;
	}

	private List<JsonNode> wal(String replica) {
		List<JsonNode> rows = new ArrayList<>();
		this.replicas.get(replica, "/api/replica/wal?mode=reconcile&limit=1000").forEach(rows::add);
		return rows;
	}

	private String vector(String replica) {
		return this.replicas.get(replica, "/api/reconcile/kv").get("versionVector").asString();
	}

	private void awaitConverged() {
		await().atMost(CONVERGENCE).ignoreExceptions().until(() -> {
			Set<String> states = new HashSet<>();
			for (String id : ThreeReplicas.IDS) {
				JsonNode state = this.replicas.get(id, "/api/reconcile/kv");
				states.add(state.get("versionVector").asString() + " " + state.get("digest").asString());
			}
			return states.size() == 1;
		});
	}

	private void assertVerified() {
		JsonNode verification = this.replicas.get("r2", "/api/cluster/verify?mode=reconcile&quiesce=10");
		assertThat(verification.get("holds").asBoolean()).as(verification.toString()).isTrue();
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
