package io.replicationlab.system;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Only health, info and prometheus are exposed, and each says what operators need. */
class ActuatorTests extends OneReplicaTests {

	private static final Pattern LOCAL_CLIENT_APPENDS = Pattern.compile(
			"^replication_wal_appends_total\\{[^}]*mode=\"local\"[^}]*source=\"CLIENT\"[^}]*\\} (\\S+)$",
			Pattern.MULTILINE);

	@Test
	void exposesNothingButHealthInfoAndPrometheus() {
		Http http = http();
		assertThat(http.get("/actuator/env").status()).isEqualTo(404);
		assertThat(http.get("/actuator/beans").status()).isEqualTo(404);
		assertThat(http.get("/actuator/configprops").status()).isEqualTo(404);
		assertThat(http.get("/actuator/metrics").status()).isEqualTo(404);
		JsonNode links = http.get("/actuator").json().path("_links");
		assertThat(links.has("health")).isTrue();
		assertThat(links.has("info")).isTrue();
		assertThat(links.has("prometheus")).isTrue();
		assertThat(links.has("env")).isFalse();
	}

	@Test
	void livenessAndReadinessAreUpWithTheDatabaseInReadiness() {
		Http http = http();
		Response liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().path("status").asString()).isEqualTo("UP");

		Response readiness = http.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
		assertThat(readiness.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
	}

	@Test
	void workersHealthNamesEachLoopAndItsStateAndLivenessWatchesThem() {
		Response workers = http().get("/actuator/health/workers");

		assertThat(workers.status()).isEqualTo(200);
		JsonNode loops = workers.json().path("details");
		for (String loop : new String[] { "group-commit", "totalorder-relay", "totalorder-consumer", "reconcile-pull",
				"reconcile-push" }) {
			assertThat(loops.path(loop).path("state").asString()).as(loop + " in " + workers).isEqualTo("RUNNING");
		}
		assertThat(http().get("/actuator/health/liveness").json().path("components").has("workers")).isTrue();
	}

	@Test
	void infoNamesTheReplicaAndItsVersion() {
		JsonNode info = http().get("/actuator/info").json();

		assertThat(info.path("replica").path("id").asString()).isEqualTo("api-test");
		assertThat(info.path("replica").path("version").asString()).isNotBlank()
			.isNotEqualTo("unknown")
			.isEqualTo(info.path("build").path("version").asString());
	}

	@Test
	void prometheusCountsWalAppendsByMode() {
		Http http = http();
		http.put("local", uniqueKey("metric"), "v", null);
		double before = localClientAppends(http);

		http.put("local", uniqueKey("metric"), "v", null);

		assertThat(localClientAppends(http)).isEqualTo(before + 1);
	}

	@Test
	void applyLatencyPublishesAHistogramForPrometheusPercentiles() {
		Http http = http();
		http.put("local", uniqueKey("histogram"), "v", null);

		String body = http.get("/actuator/prometheus").body();

		assertThat(body).containsPattern(
				"(?m)^replication_apply_latency_seconds_bucket\\{(?=[^}]*le=\"\\+Inf\")(?=[^}]*mode=\"local\")");
		assertThat(body).containsPattern("(?m)^http_server_requests_seconds_bucket\\{");
	}

	@Test
	void everyMeterCarriesTheReplicaTag() {
		Http http = http();
		http.put("local", uniqueKey("tagged"), "v", null);

		java.util.List<String> samples = http.get("/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();

		assertThat(samples).isNotEmpty().allSatisfy((sample) -> assertThat(sample).contains("replica=\"api-test\""));
	}

	private static double localClientAppends(Http http) {
		Response prometheus = http.get("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		Matcher matcher = LOCAL_CLIENT_APPENDS.matcher(prometheus.body());
		assertThat(matcher.find())
			.as("replication_wal_appends_total{mode=\"local\",source=\"CLIENT\"} in\n%s", prometheus.body())
			.isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
