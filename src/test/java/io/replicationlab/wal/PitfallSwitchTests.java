package io.replicationlab.wal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.replicationlab.support.OneReplicaTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pitfall switched at runtime through the replica's internal endpoint ({@code PUT
 * /internal/pitfalls/{name}}, cluster token required): {@code ack-before-durable} really
 * changes the write delay H2 runs with, health names it while it is on, and switching it
 * off restores the durable setting (0). The replica's context is shared with other tests,
 * so every pitfall switched on here is switched off again.
 */
class PitfallSwitchTests extends OneReplicaTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	DatabaseOwner owner;

	@Test
	void ackBeforeDurableSwitchedAtRuntimeChangesH2sWriteDelayAndOffRestoresIt() throws Exception {
		assertThat(writeDelay()).as("durable at startup").isZero();
		assertThat(pitfallsOn()).isEmpty();
		try {
			HttpResponse<String> on = put("/internal/pitfalls/ack-before-durable", "{\"enabled\":true}", true);
			assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
			assertThat(writeDelay()).as("ack-before-durable: H2 holds commits up to ten seconds").isEqualTo(10_000);
			assertThat(pitfallsOn()).containsExactly("ack-before-durable");
			assertThat(http().get("/actuator/health/pitfalls").json().path("details").path("warning").asString())
				.contains("ack-before-durable");
			assertThat(http().put("local", uniqueKey("pitfall"), "v", java.util.UUID.randomUUID().toString()).status())
				.as("writes still answered")
				.isEqualTo(200);
		}
		finally {
			HttpResponse<String> off = put("/internal/pitfalls/ack-before-durable", "{\"enabled\":false}", true);
			assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
		}
		assertThat(writeDelay()).as("durable again").isZero();
		assertThat(pitfallsOn()).isEmpty();
	}

	@Test
	void aSwitchIsRefusedWithoutTheTokenForAnUnknownPitfallOrABadBodyAndChangesNothing() throws Exception {
		assertThat(put("/internal/pitfalls/ack-before-durable", "{\"enabled\":true}", false).statusCode())
			.as("without the cluster token")
			.isEqualTo(401);
		for (String[] bad : new String[][] { { "ack-before-durabl", "{\"enabled\":true}" },
				{ "ack-before-durable", "{\"enabled\":\"true\"}" }, { "ack-before-durable", "{\"enabled\":1}" },
				{ "ack-before-durable", "{}" }, { "ack-before-durable", "nonsense" } }) {
			HttpResponse<String> refused = put("/internal/pitfalls/" + bad[0], bad[1], true);
			assertThat(refused.statusCode()).as("%s %s: %s", bad[0], bad[1], refused.body()).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
		}
		assertThat(put("/internal/pitfalls/ack-before-durabl", "{\"enabled\":true}", true).body())
			.contains("/problems/unknown-pitfall", "ack-before-durable, apply-without-dedup");
		assertThat(writeDelay()).isZero();
		assertThat(pitfallsOn()).isEmpty();
	}

	private HttpResponse<String> put(String path, String body, boolean token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body));
		if (token) {
			request.header("X-Cluster-Token", "change-me");
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private java.util.List<String> pitfallsOn() {
		JsonNode on = http().get("/actuator/health/pitfalls").json().path("details").path("on");
		java.util.List<String> names = new java.util.ArrayList<>();
		on.values().forEach((name) -> names.add(name.asString()));
		return names;
	}

	/** What H2 itself says its write delay is now. */
	private int writeDelay() throws Exception {
		try (Connection connection = this.owner.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
			assertThat(rows.next()).as("H2 reports WRITE_DELAY").isTrue();
			return Integer.parseInt(rows.getString(1));
		}
	}

}
