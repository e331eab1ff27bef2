package io.replicationlab.mode;

import java.util.Map;
import java.util.UUID;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.replicationlab.testing.Http.JSON;
import static io.replicationlab.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/{mode}/kv} in the {@code local} mode, over real HTTP. */
class KvControllerTests extends OneReplicaTests {

	@Test
	void putGetAndDeleteAKey() {
		Http http = http();
		String key = uniqueKey("color");

		Response put = http.put("local", key, "blue", null);
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		JsonNode receipt = put.json();
		assertThat(receipt.path("replica").asString()).isEqualTo("api-test");
		assertThat(receipt.path("mode").asString()).isEqualTo("local");
		assertThat(receipt.path("key").asString()).isEqualTo(key);
		assertThat(receipt.path("status").asString()).isEqualTo("applied");
		assertThat(receipt.path("lsn").asLong()).isPositive();
		// a write that came without an op id gets a time-ordered one (OpIds)
		assertThat(UUID.fromString(receipt.path("opId").asString()).version()).isEqualTo(7);

		Response get = http.get("/api/local/kv/" + key);
		assertThat(get.status()).isEqualTo(200);
		assertThat(get.json().path("values").toString()).isEqualTo("[\"blue\"]");

		Response delete = http.send("DELETE", "/api/local/kv/" + key, null, null);
		assertThat(delete.status()).as(delete.toString()).isEqualTo(200);
		assertThat(delete.json().path("lsn").asLong()).isGreaterThan(receipt.path("lsn").asLong());

		Response absent = http.get("/api/local/kv/" + key);
		assertThat(absent.status()).isEqualTo(404);
		assertThat(absent.contentType()).startsWith("application/problem+json");
		assertThat(absent.json().path("title").asString()).isEqualTo("Key absent");
	}

	@Test
	void valuesMayBeAnyTextUpTo64KiB() {
		Http http = http();
		String key = uniqueKey("text");
		String value = "é€😀 \"quoted\"\n" + "x".repeat(64 * 1024 - 20);

		assertThat(http.put("local", key, value, null).status()).isEqualTo(200);

		assertThat(http.get("/api/local/kv/" + key).json().path("values").path(0).asString()).isEqualTo(value);
	}

	@Test
	void stateListsEveryKeyWithADigest() {
		Http http = http();
		String a = uniqueKey("a");
		String b = uniqueKey("b");
		http.put("local", a, "1", null);
		http.put("local", b, "2", null);

		JsonNode state = http.get("/api/local/kv").json();
		assertThat(state.path("replica").asString()).isEqualTo("api-test");
		assertThat(state.path("mode").asString()).isEqualTo("local");
		assertThat(state.path("entries").path(a).toString()).isEqualTo("[\"1\"]");
		assertThat(state.path("entries").path(b).toString()).isEqualTo("[\"2\"]");
		String digest = state.path("digest").asString();
		assertThat(digest).matches("[0-9a-f]{16}");

		http.put("local", a, "changed", null);
		assertThat(http.get("/api/local/kv").json().path("digest").asString()).isNotEqualTo(digest);
		http.put("local", a, "1", null);
		assertThat(http.get("/api/local/kv").json().path("digest").asString()).isEqualTo(digest);
	}

	@Test
	void aRetryWithTheSameOpIdReturnsTheFirstReceiptAndWritesNothing() {
		Http http = http();
		String key = uniqueKey("retry");
		String opId = UUID.randomUUID().toString();
		Response first = http.put("local", key, "blue", opId);
		long walSize = http.walSize();

		Response retry = http.put("local", key, "blue", opId);

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.json().path("lsn").asLong()).isEqualTo(first.json().path("lsn").asLong());
		assertThat(retry.json().path("opId").asString()).isEqualTo(opId);
		assertThat(http.walSize()).isEqualTo(walSize);
	}

	@Test
	void aDeleteRetryWithTheSameOpIdWritesNothing() {
		Http http = http();
		String key = uniqueKey("delete-retry");
		http.put("local", key, "blue", null);
		String body = json(Map.of("opId", UUID.randomUUID().toString()));
		Response first = http.send("DELETE", "/api/local/kv/" + key, JSON, body);
		long walSize = http.walSize();

		Response retry = http.send("DELETE", "/api/local/kv/" + key, JSON, body);

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.json().path("lsn").asLong()).isEqualTo(first.json().path("lsn").asLong());
		assertThat(http.walSize()).isEqualTo(walSize);
	}

	@Test
	void anOpIdReusedForAnotherWriteIsAConflict() {
		Http http = http();
		String key = uniqueKey("reuse");
		String opId = UUID.randomUUID().toString();
		long lsn = http.put("local", key, "blue", opId).json().path("lsn").asLong();
		long walSize = http.walSize();

		Response reused = http.put("local", key, "red", opId);

		assertThat(reused.status()).isEqualTo(409);
		assertThat(reused.contentType()).startsWith("application/problem+json");
		assertThat(reused.json().path("title").asString()).isEqualTo("Op id already used");
		assertThat(reused.json().path("lsn").asLong()).isEqualTo(lsn);
		assertThat(http.walSize()).isEqualTo(walSize);
		assertThat(http.get("/api/local/kv/" + key).json().path("values").path(0).asString()).isEqualTo("blue");
	}

	@Test
	void anUnknownModeIsANotFoundProblemListingTheModes() {
		Response response = http().put("eventual", uniqueKey("k"), "blue", null);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Unknown mode");
		assertThat(response.json().path("detail").asString()).contains("'eventual'").contains("local");
	}

	@Test
	void durableIsAnAwaitLevelLocalAnswersAtOnce() {
		Response response = http().send("PUT", "/api/local/kv/" + uniqueKey("await") + "?await=durable", JSON,
				json(Map.of("value", "blue")));

		assertThat(response.status()).isEqualTo(200);
	}

}
