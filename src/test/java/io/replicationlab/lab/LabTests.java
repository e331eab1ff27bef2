package io.replicationlab.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.replicationlab.testing.Http;
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
 * The lab for real: a KRaft broker and three replicas, each its own JVM, on free ports
 * and a temporary data directory (the {@link SharedLab}; that no process outlives it is
 * checked when it closes, {@link LabFixture#close}). Kills a replica with SIGKILL through
 * another replica's lab controls and starts it again on its data (also while writes
 * flow); stops and starts the broker; leaves every process running.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabTests {

	/**
	 * How long to wait for the lab before calling it broken. Not a speed target: the
	 * startup time is printed as a figure ("[lab] up in N ms"); on an idle 2-core machine
	 * it is well under a minute.
	 */
	private static final Duration STARTUP = Duration.ofSeconds(Long.getLong("labtest.startup-seconds", 240));

	private final LabSupervisor lab;

	private final LabSettings settings;

	private final Path dataDir;

	LabTests(LabFixture shared) {
		this.lab = shared.supervisor();
		this.settings = shared.settings();
		this.dataDir = this.settings.dataDir();
	}

	@Test
	@Order(1)
	void theBrokerAndEveryReplicaRunAsTheirOwnProcesses() throws Exception {
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			for (String id : this.settings.replicaIds()) {
				assertThat(Http.to(this.settings.replicaUrl(id)).get("/actuator/health").status()).as(id)
					.isEqualTo(200);
			}
			assertThat(this.lab.allRunning()).isTrue();
		});

		JsonNode view = Http.to(this.settings.supervisorUrl()).get("/api/lab").json();
		assertThat(view.get("bootstrapServers").asString()).isEqualTo(this.settings.bootstrapServers());
		List<JsonNode> processes = view.get("processes").values().stream().toList();
		assertThat(processes).extracting((process) -> process.get("id").asString())
			.containsExactly("kafka", "r1", "r2", "r3");
		for (JsonNode process : processes) {
			assertThat(process.get("state").asString()).isEqualTo("running");
			long pid = process.get("pid").asLong();
			assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
			assertThat(ProcessHandle.of(pid)).hasValueSatisfying((handle) -> assertThat(handle.isAlive()).isTrue());
		}
		JsonNode r1 = Http.to(this.settings.replicaUrl("r1")).get("/api/replica").json();
		assertThat(r1.get("pid").asLong()).isEqualTo(processes.get(1).get("pid").asLong());
		assertThat(r1.get("kafkaBootstrapServers").asString()).isEqualTo(this.settings.bootstrapServers());

		// every replica answers the lab controls too, and documents them
		assertThat(Http.to(this.settings.replicaUrl("r3")).get("/api/lab").json().get("processes").size()).isEqualTo(4);
		assertThat(Http.to(this.settings.replicaUrl("r1")).get("/v3/api-docs").body())
			.contains("/api/lab/replicas/{id}/kill");
	}

	@Test
	@Order(2)
	void aReplicaKilledWithSigkillStartsAgainOnItsData() throws Exception {
		String r2 = this.settings.replicaUrl("r2");
		Http.Response written = Http.to(r2)
			.sendJson("PUT", "/api/local/kv/survivor", "{\"value\":\"written before kill -9\"}");
		assertThat(written.status()).isEqualTo(200);
		JsonNode before = Http.to(this.settings.supervisorUrl()).get("/api/lab").json().get("processes").get(2);
		long pid = before.get("pid").asLong();

		Http.Response killed = Http.to(this.settings.replicaUrl("r1"))
			.sendJson("POST", "/api/lab/replicas/r2/kill", null);
		assertThat(killed.status()).isEqualTo(200);
		JsonNode afterKill = killed.json();
		assertThat(afterKill.get("state").asString()).isEqualTo("stopped");
		assertThat(afterKill.get("exitCode").asInt()).as("128 + SIGKILL(9)").isEqualTo(137);
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(PortCheck.answers(this.settings.replicaPort("r2"))).isFalse();
		assertThat(state("r2")).isEqualTo("stopped");

		Http.Response started = Http.to(this.settings.replicaUrl("r3"))
			.sendJson("POST", "/api/lab/replicas/r2/start", null);
		assertThat(started.status()).isEqualTo(202);
		long newPid = started.json().get("pid").asLong();
		assertThat(newPid).isNotEqualTo(pid);
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(state("r2")).isEqualTo("running"));
		JsonNode value = Http.to(r2).get("/api/local/kv/survivor").json();
		assertThat(value.get("values").get(0).asString()).isEqualTo("written before kill -9");
		assertThat(Http.to(this.settings.supervisorUrl())
			.get("/api/lab")
			.json()
			.get("processes")
			.get(2)
			.get("starts")
			.asInt()).isEqualTo(before.get("starts").asInt() + 1);
	}

	/**
	 * A fault under load: writers keep writing to r2 while it is killed with SIGKILL.
	 * Every write r2 acknowledged is in its WAL once it is back; writes cut off by the
	 * kill may or may not be, but none is there twice.
	 */
	@Test
	@Order(3)
	void everyWriteAcknowledgedBeforeKill9IsInTheWalAfterRestart() throws Exception {
		String r2 = this.settings.replicaUrl("r2");
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger cutOff = new AtomicInteger();
		ExecutorService writers = Executors.newFixedThreadPool(4);
		for (int thread = 0; thread < 4; thread++) {
			int writer = thread;
			writers.submit(() -> {
				for (int n = 0; n < 10_000; n++) {
					String opId = UUID.randomUUID().toString();
					try {
						Http.Response written = Http.to(r2)
							.sendJson("PUT", "/api/local/kv/load-" + writer + "-" + (n % 20),
									"{\"value\":\"w" + writer + "-" + n + "\",\"opId\":\"" + opId + "\"}");
						if (written.status() == 200) {
							acknowledged.add(opId);
						}
					}
					catch (Exception ex) {
						cutOff.incrementAndGet();
						return;
					}
				}
			});
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);
		assertThat(Http.to(this.settings.supervisorUrl()).sendJson("POST", "/api/lab/replicas/r2/kill", null).status())
			.isEqualTo(200);
		writers.shutdown();
		assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);

		assertThat(Http.to(this.settings.supervisorUrl()).sendJson("POST", "/api/lab/replicas/r2/start", null).status())
			.isEqualTo(202);
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(state("r2")).isEqualTo("running"));
		List<String> wal = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = Http.to(r2).get("/api/replica/wal?mode=local&limit=1000&after=" + after).json();
			if (page.isEmpty()) {
				break;
			}
			for (JsonNode entry : page.values()) {
				wal.add(entry.get("opId").asString());
				after = entry.get("lsn").asLong();
			}
		}
		System.out.println("[lab] kill -9 under load: " + acknowledgedBeforeKill.size() + " writes acknowledged, "
				+ cutOff.get() + " cut off by the kill, " + wal.size() + " local WAL entries after the restart");
		assertThat(cutOff.get()).as("writers cut off by the kill").isPositive();
		assertThat(wal).containsAll(acknowledgedBeforeKill).doesNotHaveDuplicates();
	}

	@Test
	@Order(4)
	void refusalsAreProblemDetails() throws Exception {
		Http.Response running = Http.to(this.settings.replicaUrl("r1"))
			.sendJson("POST", "/api/lab/replicas/r1/start", null);
		assertThat(running.status()).isEqualTo(409);
		assertThat(running.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(running.json().get("detail").asString()).contains("r1 is already running");

		Http.Response unknown = Http.to(this.settings.replicaUrl("r1"))
			.sendJson("POST", "/api/lab/replicas/r9/kill", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		Http.Response direct = Http.to(this.settings.supervisorUrl())
			.sendJson("POST", "/api/lab/replicas/r9/kill", null);
		assertThat(direct.status()).isEqualTo(404);
		assertThat(direct.header("Content-Type")).hasValue("application/problem+json");
		assertThat(Http.to(this.settings.supervisorUrl()).get("/api/lab/replicas/r1/kill").status()).isEqualTo(405);
		assertThat(state("r1")).isEqualTo("running");
	}

	@Test
	@Order(5)
	void theBrokerStopsAndStartsOnItsData() throws Exception {
		Http.Response stopped = Http.to(this.settings.replicaUrl("r3")).sendJson("POST", "/api/lab/kafka/stop", null);
		assertThat(stopped.status()).isEqualTo(200);
		assertThat(stopped.json().get("state").asString()).isEqualTo("stopped");
		assertThat(state("kafka")).isEqualTo("stopped");
		assertThat(PortCheck.answers(this.settings.kafkaPort())).isFalse();
		assertThat(Http.to(this.settings.replicaUrl("r3")).sendJson("POST", "/api/lab/kafka/stop", null).status())
			.isEqualTo(409);

		Http.Response started = Http.to(this.settings.replicaUrl("r1")).sendJson("POST", "/api/lab/kafka/start", null);
		assertThat(started.status()).isEqualTo(202);
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(state("kafka")).isEqualTo("running"));
		assertThat(this.dataDir.resolve("kafka/logs/meta.properties")).exists();
	}

	private String state(String id) throws Exception {
		for (JsonNode process : Http.to(this.settings.supervisorUrl())
			.get("/api/lab")
			.json()
			.get("processes")
			.values()) {
			if (process.get("id").asString().equals(id)) {
				return process.get("state").asString();
			}
		}
		throw new AssertionError("no process " + id);
	}

}
