package io.replicationlab.wal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.OneReplicaTests;
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

	@Autowired
	DatabaseOwner owner;

	@Test
	void ackBeforeDurableSwitchedAtRuntimeChangesH2sWriteDelayAndOffRestoresIt() throws Exception {
		assertThat(writeDelay()).as("durable at startup").isZero();
		assertThat(pitfallsOn()).isEmpty();
		try {
			Http.Response on = put("/internal/pitfalls/ack-before-durable", "{\"enabled\":true}", true);
			assertThat(on.status()).as(on.body()).isEqualTo(200);
			assertThat(writeDelay()).as("ack-before-durable: H2 holds commits up to ten seconds").isEqualTo(10_000);
			assertThat(pitfallsOn()).containsExactly("ack-before-durable");
			assertThat(http().get("/actuator/health/pitfalls").json().path("details").path("warning").asString())
				.contains("ack-before-durable");
			assertThat(http().put("local", uniqueKey("pitfall"), "v", java.util.UUID.randomUUID().toString()).status())
				.as("writes still answered")
				.isEqualTo(200);
		}
		finally {
			Http.Response off = put("/internal/pitfalls/ack-before-durable", "{\"enabled\":false}", true);
			assertThat(off.status()).as(off.body()).isEqualTo(200);
		}
		assertThat(writeDelay()).as("durable again").isZero();
		assertThat(pitfallsOn()).isEmpty();
	}

	@Test
	void aSwitchIsRefusedWithoutTheTokenForAnUnknownPitfallOrABadBodyAndChangesNothing() throws Exception {
		assertThat(put("/internal/pitfalls/ack-before-durable", "{\"enabled\":true}", false).status())
			.as("without the cluster token")
			.isEqualTo(401);
		for (String[] bad : new String[][] { { "ack-before-durabl", "{\"enabled\":true}" },
				{ "ack-before-durable", "{\"enabled\":\"true\"}" }, { "ack-before-durable", "{\"enabled\":1}" },
				{ "ack-before-durable", "{}" }, { "ack-before-durable", "nonsense" } }) {
			Http.Response refused = put("/internal/pitfalls/" + bad[0], bad[1], true);
			assertThat(refused.status()).as("%s %s: %s", bad[0], bad[1], refused.body()).isEqualTo(400);
			assertThat(refused.contentType()).contains("problem+json");
		}
		assertThat(put("/internal/pitfalls/ack-before-durabl", "{\"enabled\":true}", true).body())
			.contains("/problems/unknown-pitfall", "ack-before-durable, apply-without-dedup");
		assertThat(writeDelay()).isZero();
		assertThat(pitfallsOn()).isEmpty();
	}

	private Http.Response put(String path, String body, boolean token) {
		return (token ? http().header("X-Cluster-Token", "change-me") : http()).sendJson("PUT", path, body);
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
