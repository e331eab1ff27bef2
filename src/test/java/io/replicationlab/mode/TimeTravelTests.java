package io.replicationlab.mode;

import java.util.ArrayList;
import java.util.List;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/{mode}/kv?asOf=}: a replay. Writes and deletes are made one by one, the
 * state after each is recorded with the applied-log position it stood at, and then every
 * recorded position is asked for again.
 */
class TimeTravelTests extends OneReplicaTests {

	record Snapshot(long position, String appliedAt, JsonNode entries, String digest) {
	}

	@Test
	void everyPositionOfTheAppliedLogAnswersTheStateThatStoodThere() {
		Http http = http();
		String a = uniqueKey("tt-a");
		String b = uniqueKey("tt-b");
		List<Snapshot> snapshots = new ArrayList<>();
		String[][] writes = { { a, "1" }, { b, "1" }, { a, "2" }, { a, null }, { b, "2" }, { a, "3" } };
		for (String[] write : writes) {
			Response answer = (write[1] != null) ? http.put("local", write[0], write[1], null)
					: http.send("DELETE", "/api/local/kv/" + write[0], null, null);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			snapshots.add(snapshot(http));
		}
		for (Snapshot snapshot : snapshots) {
			Response past = http.get("/api/local/kv?asOf=" + snapshot.position());
			assertThat(past.status()).as(past.toString()).isEqualTo(200);
			assertThat(past.json().path("asOf").asLong()).isEqualTo(snapshot.position());
			assertThat(past.json().path("entries")).as("entries at %d", snapshot.position())
				.isEqualTo(snapshot.entries());
			assertThat(past.json().path("digest").asString()).isEqualTo(snapshot.digest());
			Response atTime = http.get("/api/local/kv?asOfTime=" + snapshot.appliedAt());
			assertThat(atTime.json().path("asOf").asLong()).as(atTime.toString()).isEqualTo(snapshot.position());
		}
		// the states differ from one position to the next: the replay is not answering
		// the present every time
		assertThat(snapshots.stream().map(Snapshot::digest).distinct()).hasSize(writes.length);
		Response before = http.get("/api/local/kv?asOf=0");
		assertThat(before.json().path("entries").isEmpty()).as(before.toString()).isTrue();
	}

	@Test
	void aPositionOutsideTheLogIsABadRequest() {
		Http http = http();
		http.put("local", uniqueKey("tt-c"), "x", null);
		long last = snapshot(http).position();
		for (String asOf : new String[] { "asOf=" + (last + 1), "asOf=-1", "asOf=three", "asOfTime=yesterday",
				"asOfTime=2999-01-01T00:00:00Z", "asOf=1&asOfTime=2020-01-01T00:00:00Z" }) {
			Response answer = http.get("/api/local/kv?" + asOf);
			assertThat(answer.status()).as(asOf + " -> " + answer).isEqualTo(400);
			assertThat(answer.contentType()).startsWith("application/problem+json");
		}
		assertThat(http
			.get("/api/total-order/kv?asOf="
					+ (http.get("/api/total-order/kv?asOf=0").json().path("lastPosition").asLong() + 1))
			.status()).isEqualTo(400);
	}

	private static Snapshot snapshot(Http http) {
		JsonNode state = http.get("/api/local/kv").json();
		List<JsonNode> applied = http.appliedLog("local", 0);
		JsonNode last = applied.get(applied.size() - 1);
		return new Snapshot(last.path("position").asLong(), last.path("appliedAt").asString(), state.path("entries"),
				state.path("digest").asString());
	}

}
