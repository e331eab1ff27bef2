package io.replicationlab.check;

import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Clock skew through the lab API ({@code PUT /api/lab/replicas/{id}/clock-offset}), and
 * the {@code wall-clock-lww} pitfall caught by name: a lab under last-writer-wins whose
 * replicas, once the pitfall is switched on through the lab API, let the raw, skewed wall
 * clock decide. Its own lab: last-writer-wins is a startup setting, and under it the
 * other reconcile pitfall ({@code ignore-context}, {@link PitfallCheckTests}) would show
 * nothing (its write is stamped after everything its key has seen, so it wins anyway).
 * The {@link SharedLab} under these settings (closed after this class: the pitfall's
 * anomalies stay in its data).
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SharedLab.Settings(replicaArguments = "--reconcile.conflict-policy=lww", leavesAnomalies = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClockSkewCheckTests {

	private final LabFixture lab;

	ClockSkewCheckTests(LabFixture lab) {
		this.lab = lab;
	}

	@Test
	@Order(1)
	void aReplicasClockIsSkewedThroughTheLab() throws Exception {
		String r1 = this.lab.url("r1");
		Http.Response set = Http.to(r1)
			.sendJson("PUT", "/api/lab/replicas/r2/clock-offset", "{\"offsetMillis\":-60000}");
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		assertThat(this.lab.http("r2").get("/api/replica").json().get("clockOffsetMillis").asLong()).isEqualTo(-60000);
		assertThat(Http.to(r1).get("/api/replica").json().get("clockOffsetMillis").asLong()).isZero();
		for (String bad : new String[] { "{\"offsetMillis\":\"soon\"}", "{}", "{\"offsetMillis\":1.5}",
				"{\"offsetMillis\":100000000000}", "nonsense" }) {
			Http.Response refused = Http.to(r1).sendJson("PUT", "/api/lab/replicas/r2/clock-offset", bad);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.contentType()).as(bad).contains("problem+json");
		}
		assertThat(Http.to(r1).sendJson("PUT", "/api/lab/replicas/r9/clock-offset", "{\"offsetMillis\":1}").status())
			.isEqualTo(404);
		assertThat(this.lab.http("r2").sendJson("PUT", "/internal/clock-offset", "{\"offsetMillis\":1}").status())
			.as("without the cluster token")
			.isEqualTo(401);
		assertThat(this.lab.http("r2").get("/api/replica").json().get("clockOffsetMillis").asLong())
			.as("nothing refused changed it")
			.isEqualTo(-60000);
		assertThat(Http.to(r1).sendJson("PUT", "/api/lab/replicas/r2/clock-offset", "{\"offsetMillis\":0}").status())
			.isEqualTo(200);
	}

	@Test
	@Order(2)
	void wallClockLwwLosesCausallyLaterWrites() throws Exception {
		List<String> urls = this.lab.replicaIds().stream().map(this.lab::url).toList();
		switchWallClockLww(true);
		Map<String, Object> results;
		try {
			results = Check.run(
					Map.of("seed", "13", "seconds", "12", "clients", "6", "rate", "40", "keys", "4", "modes",
							"reconcile", "faults", "clock-skew"),
					urls, null, Files.createDirectories(Path.of("target/check")).resolve("pitfall-wall-clock-lww"),
					"pitfall-wall-clock-lww", Check::say);
		}
		finally {
			switchWallClockLww(false);
		}
		assertThat(results.get("valid")).isEqualTo("false");
		assertThat(PitfallCheckTests.count(results, "reconcile", "lww-lost-causal-write")).isPositive();
	}

	private void switchWallClockLww(boolean enabled) throws Exception {
		Http.Response answer = this.lab.http("r1")
			.sendJson("PUT", "/api/lab/pitfalls/wall-clock-lww", "{\"enabled\":" + enabled + "}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		for (String id : this.lab.replicaIds()) {
			assertThat(this.lab.http(id).get("/actuator/health/pitfalls").body()).as(id)
				.matches((health) -> health.contains("wall-clock-lww") == enabled);
		}
	}

}
