package io.replicationlab.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The nemesis's lab controls (pause/resume, broker kill -9) and a short check under
 * faults that must be valid, on the shared lab ({@link SharedLab}; the check judges only
 * its own keys, whatever other classes left there).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckLabTests {

	private final LabFixture lab;

	CheckLabTests(LabFixture lab) {
		this.lab = lab;
	}

	@Test
	@Order(1)
	void aPausedReplicaAnswersNothingUntilResumed() throws Exception {
		String r1 = this.lab.url("r1");
		Http.Response paused = Http.to(r1).sendJson("POST", "/api/lab/replicas/r2/pause", null);
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.json().get("state").asString()).isEqualTo("paused");
		assertThat(this.lab.state("r2")).isEqualTo("paused");
		assertThatThrownBy(() -> this.lab.http("r2").timeout(Duration.ofSeconds(2)).get("/api/replica"))
			.hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
		assertThat(Http.to(r1).sendJson("POST", "/api/lab/replicas/r2/pause", null).status()).isEqualTo(409);
		assertThat(Http.to(r1).sendJson("POST", "/api/lab/replicas/r2/resume", null).status()).isEqualTo(200);
		assertThat(this.lab.http("r2").get("/api/replica").status()).isEqualTo(200);
		assertThat(this.lab.state("r2")).isEqualTo("running");
		assertThat(Http.to(r1).sendJson("POST", "/api/lab/replicas/r2/resume", null).status()).isEqualTo(409);
	}

	@Test
	@Order(2)
	void theBrokerKilledWithSigkillStartsAgain() throws Exception {
		Http.Response killed = this.lab.http("r1").sendJson("POST", "/api/lab/kafka/kill", null);
		assertThat(killed.status()).isEqualTo(200);
		assertThat(killed.json().get("state").asString()).isEqualTo("stopped");
		assertThat(killed.json().get("exitCode").asInt()).isEqualTo(137);
		assertThat(this.lab.http("r1").sendJson("POST", "/api/lab/kafka/kill", null).status()).isEqualTo(409);
		this.lab.startKafka();
		assertThat(this.lab.state("kafka")).isEqualTo("running");
	}

	@Test
	@Order(3)
	void aShortCheckUnderFaultsIsValid() throws Exception {
		await().atMost(LabFixture.STARTUP)
			.ignoreExceptions()
			.until(() -> this.lab.http("r1").get("/actuator/health/readiness").status() == 200);
		List<String> urls = this.lab.replicaIds().stream().map(this.lab::url).toList();
		Path out = Files.createDirectories(Path.of("target/check"));
		Map<String, Object> results = Check.run(Map.of("seed", Long.getLong("check.seed", 7L).toString(), "seconds",
				"60", "clients", "9", "rate", "45", "faults", "kill,pause,broker-kill,broker-stop,partition,kafka-cut",
				"key-prefix", "short-check."), urls, null, out.resolve("short-check"), "short-check", Check::say);
		@SuppressWarnings("unchecked")
		List<Nemesis.Applied> faults = (List<Nemesis.Applied>) results.get("faults");
		assertThat(results.get("valid")).as("results in target/check/short-check/results.json").isEqualTo("true");
		assertThat(Results.total(results)).isGreaterThanOrEqualTo(1000);
		assertThat(faults.stream().filter((f) -> f.problem() == null)).hasSizeGreaterThanOrEqualTo(6);
		assertThat((List<?>) results.get("faultKinds")).hasSizeGreaterThanOrEqualTo(4);
	}

}
