package io.replicationlab.mode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/replica}: identity, the WAL in local order, the applied log, one op's
 * status.
 */
class ReplicaControllerTests extends OneReplicaTests {

	@Test
	void describesThisReplica() {
		Http http = http();
		http.put("local", uniqueKey("k"), "v", null);

		JsonNode replica = http.get("/api/replica").json();

		assertThat(replica.path("id").asString()).isEqualTo("api-test");
		assertThat(replica.path("walSize").asLong()).isPositive();
		assertThat(replica.path("modes").path("local").path("walEntries").asLong()).isPositive();
		assertThat(replica.path("modes").path("local").path("applied").asLong()).isPositive();
		assertThat(replica.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(replica.path("dataDir").asString()).contains("api-test-");
	}

	@Test
	void answersTheKeysTheDashboardReadsInTheirOrder() {
		JsonNode replica = http().get("/api/replica").json();

		assertThat(replica.properties()).extracting(Map.Entry::getKey)
			.containsExactly("id", "peers", "walSize", "modes", "kafkaBootstrapServers", "pid", "dataDir",
					"clockOffsetMillis", "partition");
		assertThat(replica.path("modes").properties()).extracting(Map.Entry::getKey)
			.containsExactly("local", "total-order", "reconcile");
		for (String mode : List.of("local", "total-order", "reconcile")) {
			List<String> keys = replica.path("modes").path(mode).properties().stream().map(Map.Entry::getKey).toList();
			assertThat(keys.subList(Math.max(0, keys.size() - 2), keys.size())).as(mode + ": " + keys)
				.containsExactly("walEntries", "applied");
		}
		assertThat(replica.path("partition").isObject()).as(replica.toString()).isTrue();
	}

	@Test
	void pagesTheWalInLocalOrder() {
		Http http = http();
		long before = lastLsn(http);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			keys.add(uniqueKey("page" + i));
			http.put("local", keys.get(i), "v" + i, null);
		}

		JsonNode firstPage = http.get("/api/replica/wal?mode=local&after=" + before + "&limit=2").json();
		JsonNode secondPage = http
			.get("/api/replica/wal?mode=local&after=" + firstPage.path(1).path("lsn").asLong() + "&limit=2")
			.json();

		assertThat(firstPage.size()).isEqualTo(2);
		assertThat(secondPage.size()).isEqualTo(1);
		assertThat(List.of(firstPage.path(0).path("key").asString(), firstPage.path(1).path("key").asString(),
				secondPage.path(0).path("key").asString()))
			.isEqualTo(keys);
		assertThat(firstPage.path(0).path("lsn").asLong()).isLessThan(firstPage.path(1).path("lsn").asLong());
		JsonNode row = secondPage.path(0);
		assertThat(row.path("mode").asString()).isEqualTo("local");
		assertThat(row.path("source").asString()).isEqualTo("CLIENT");
		assertThat(row.path("origin").asString()).isEqualTo("api-test");
		assertThat(row.path("value").asString()).isEqualTo("v2");
		assertThat(row.path("originLsn").asLong()).isEqualTo(row.path("lsn").asLong());
		assertThat(row.has("dot") && row.get("dot").isNull()).as("a local row has a null dot: " + row).isTrue();
		assertThat(row.has("context") && row.get("context").isNull()).as("and a null context: " + row).isTrue();
	}

	@Test
	void showsAReconcileRowsDotAndContextInTheirTextForms() {
		Http http = http();
		long before = lastLsn(http);
		String key = uniqueKey("dots");
		String first = http.put("reconcile", key, "v1", null).json().path("dot").asString();
		String second = http.put("reconcile", key, "v2", null).json().path("dot").asString();

		JsonNode rows = http.get("/api/replica/wal?mode=reconcile&after=" + before).json();

		assertThat(rows.size()).isEqualTo(2);
		assertThat(rows.path(0).get("dot").isString()).as(rows.toString()).isTrue();
		assertThat(rows.path(0).path("dot").asString()).isEqualTo(first).matches("api-test(~[a-z0-9]+)?:\\d+");
		assertThat(rows.path(0).get("context").isString()).as(rows.toString()).isTrue();
		assertThat(rows.path(1).path("dot").asString()).isEqualTo(second);
		assertThat(rows.path(1).path("context").asString()).as("the second write saw the first").isEqualTo(first);
	}

	@Test
	void pagesTheAppliedLogInApplyOrder() {
		Http http = http();
		long lastPosition = http.get("/api/replica").json().path("modes").path("local").path("applied").asLong();
		String first = http.put("local", uniqueKey("applied"), "1", null).json().path("opId").asString();
		String second = http.put("local", uniqueKey("applied"), "2", null).json().path("opId").asString();

		JsonNode applied = http.get("/api/replica/applied?mode=local&after=" + lastPosition).json();

		assertThat(applied.size()).isEqualTo(2);
		assertThat(applied.path(0).path("opId").asString()).isEqualTo(first);
		assertThat(applied.path(0).path("position").asLong()).isEqualTo(lastPosition + 1);
		assertThat(applied.path(0).path("outcome").asString()).isEqualTo("APPLIED");
		assertThat(applied.path(1).path("opId").asString()).isEqualTo(second);
		assertThat(applied.path(1).path("position").asLong()).isEqualTo(lastPosition + 2);
	}

	@Test
	void tellsAnOpsStatus() {
		Http http = http();
		String key = uniqueKey("status");
		JsonNode receipt = http.put("local", key, "blue", null).json();

		JsonNode status = http.get("/api/replica/ops/" + receipt.path("opId").asString()).json();

		assertThat(status.path("status").asString()).isEqualTo("applied");
		assertThat(status.path("lsn").asLong()).isEqualTo(receipt.path("lsn").asLong());
		assertThat(status.path("key").asString()).isEqualTo(key);
		assertThat(status.path("mode").asString()).isEqualTo("local");
		assertThat(status.path("outcome").asString()).isEqualTo("APPLIED");
		assertThat(status.path("appliedPosition").asLong()).isPositive();
	}

	@Test
	void anOpThisReplicaNeverSawIsNotFound() {
		Response response = http().get("/api/replica/ops/" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Unknown op");
	}

	private static long lastLsn(Http http) {
		long after = 0;
		while (true) {
			JsonNode page = http.get("/api/replica/wal?after=" + after + "&limit=1000").json();
			if (page.isEmpty()) {
				return after;
			}
			after = page.path(page.size() - 1).path("lsn").asLong();
		}
	}

}
