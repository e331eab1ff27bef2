package io.replicationlab.check;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
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
		HttpResponse<String> paused = LabFixture.send("POST", r1 + "/api/lab/replicas/r2/pause", null);
		assertThat(paused.statusCode()).isEqualTo(200);
		assertThat(LabFixture.json(paused).get("state").asString()).isEqualTo("paused");
		assertThat(this.lab.state("r2")).isEqualTo("paused");
		assertThatThrownBy(() -> Http.send("GET", this.lab.url("r2") + "/api/replica", null, Duration.ofSeconds(2)))
			.isInstanceOf(java.net.http.HttpTimeoutException.class);
		assertThat(LabFixture.send("POST", r1 + "/api/lab/replicas/r2/pause", null).statusCode()).isEqualTo(409);
		assertThat(LabFixture.send("POST", r1 + "/api/lab/replicas/r2/resume", null).statusCode()).isEqualTo(200);
		assertThat(LabFixture.get(this.lab.url("r2") + "/api/replica").statusCode()).isEqualTo(200);
		assertThat(this.lab.state("r2")).isEqualTo("running");
		assertThat(LabFixture.send("POST", r1 + "/api/lab/replicas/r2/resume", null).statusCode()).isEqualTo(409);
	}

	@Test
	@Order(2)
	void theBrokerKilledWithSigkillStartsAgain() throws Exception {
		HttpResponse<String> killed = LabFixture.send("POST", this.lab.url("r1") + "/api/lab/kafka/kill", null);
		assertThat(killed.statusCode()).isEqualTo(200);
		assertThat(LabFixture.json(killed).get("state").asString()).isEqualTo("stopped");
		assertThat(LabFixture.json(killed).get("exitCode").asInt()).isEqualTo(137);
		assertThat(LabFixture.send("POST", this.lab.url("r1") + "/api/lab/kafka/kill", null).statusCode())
			.isEqualTo(409);
		this.lab.startKafka();
		assertThat(this.lab.state("kafka")).isEqualTo("running");
	}

	@Test
	@Order(3)
	void aShortCheckUnderFaultsIsValid() throws Exception {
		await().atMost(LabFixture.STARTUP)
			.ignoreExceptions()
			.until(() -> LabFixture.get(this.lab.url("r1") + "/actuator/health/readiness").statusCode() == 200);
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
