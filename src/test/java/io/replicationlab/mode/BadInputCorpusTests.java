package io.replicationlab.mode;

import java.util.Map;
import java.util.stream.Stream;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static io.replicationlab.testing.Http.JSON;
import static io.replicationlab.testing.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of bad requests: each is refused with a 4xx {@code application/problem+json}
 * whose title or detail names the problem (never a 5xx), and none of them reaches the
 * WAL.
 */
class BadInputCorpusTests extends OneReplicaTests {

	private static final String OP_ID = "3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69";

	/**
	 * One bad request.
	 *
	 * @param expect a phrase the problem's title or detail must contain
	 * (case-insensitive)
	 */
	record BadRequest(String name, String method, String path, String contentType, String body, int status,
			String expect) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<BadRequest> corpus() {
		String value64KiBPlusOne = "x".repeat(64 * 1024 + 1);
		String multiByteTooLarge = "€".repeat(21846); // 21846 chars, 65538 bytes of UTF-8
		return Stream.of(
				// keys
				new BadRequest("empty key", "PUT", "/api/local/kv/", JSON, value("blue"), 400, "key is empty"),
				new BadRequest("empty key on delete", "DELETE", "/api/local/kv/", null, null, 400, "key is empty"),
				new BadRequest("257-character key", "PUT", "/api/local/kv/" + "k".repeat(257), JSON, value("blue"), 400,
						"Bad key"),
				new BadRequest("key with a space", "PUT", "/api/local/kv/a%20b", JSON, value("blue"), 400, "Bad key"),
				new BadRequest("unicode key", "PUT", "/api/local/kv/%C3%A9t%C3%A9", JSON, value("blue"), 400,
						"Bad key"),
				new BadRequest("encoded slash in key", "PUT", "/api/local/kv/a%2Fb", JSON, value("blue"), 400,
						"Bad key"),
				new BadRequest("dot-dot key", "PUT", "/api/local/kv/..", JSON, value("blue"), 400, "Bad key"),
				new BadRequest("encoded dot-dot key", "PUT", "/api/local/kv/%2E%2E", JSON, value("blue"), 400,
						"Bad key"),
				new BadRequest("encoded backslash in key", "PUT", "/api/local/kv/a%5Cb", JSON, value("blue"), 400,
						"Bad key"),
				new BadRequest("key with a star", "PUT", "/api/local/kv/a*b", JSON, value("blue"), 400, "Bad key"),
				new BadRequest("bad key on read", "GET", "/api/local/kv/a%20b", null, null, 400, "Bad key"),
				// values
				new BadRequest("value of 64 KiB + 1 byte", "PUT", "/api/local/kv/big", JSON, value(value64KiBPlusOne),
						400, "65537 bytes"),
				new BadRequest("multi-byte value over 64 KiB", "PUT", "/api/local/kv/big", JSON,
						value(multiByteTooLarge), 400, "65538 bytes"),
				new BadRequest("number value", "PUT", "/api/local/kv/n", JSON, "{\"value\": 42}", 400,
						"Field 'value' must be a JSON string"),
				new BadRequest("boolean value", "PUT", "/api/local/kv/b", JSON, "{\"value\": true}", 400,
						"Field 'value' must be a JSON string"),
				new BadRequest("object value", "PUT", "/api/local/kv/o", JSON, "{\"value\": {\"a\": 1}}", 400,
						"Field 'value' must be a JSON string"),
				new BadRequest("array value", "PUT", "/api/local/kv/a", JSON, "{\"value\": [\"a\"]}", 400,
						"Field 'value' must be a JSON string"),
				new BadRequest("null value", "PUT", "/api/local/kv/nul", JSON, "{\"value\": null}", 400,
						"Missing value"),
				new BadRequest("missing value", "PUT", "/api/local/kv/m", JSON, "{\"opId\": \"" + OP_ID + "\"}", 400,
						"Missing value"),
				new BadRequest("unpaired surrogate", "PUT", "/api/local/kv/s", JSON, "{\"value\": \"a\\ud800b\"}", 400,
						"unpaired surrogate"),
				// bodies
				new BadRequest("no body", "PUT", "/api/local/kv/e", JSON, null, 400, "body"),
				new BadRequest("non-JSON body", "PUT", "/api/local/kv/j", JSON, "value=blue", 400, "JSON"),
				new BadRequest("truncated JSON", "PUT", "/api/local/kv/j", JSON, "{\"value\": \"blu", 400, "JSON"),
				new BadRequest("JSON array body", "PUT", "/api/local/kv/j", JSON, "[\"blue\"]", 400, "JSON"),
				new BadRequest("wrong content type", "PUT", "/api/local/kv/t", "text/plain", "blue", 415, "text/plain"),
				new BadRequest("unknown field", "PUT", "/api/local/kv/u", JSON,
						"{\"value\": \"blue\", \"colour\": \"red\"}", 400, "Unknown field 'colour'"),
				new BadRequest("body over 1 MiB", "PUT", "/api/local/kv/huge", JSON,
						value("x".repeat(1024 * 1024 + 1024)), 413, "too large"),
				new BadRequest("bad opId", "PUT", "/api/local/kv/i", JSON, json(Map.of("value", "v", "opId", "42")),
						400, "Bad opId"),
				new BadRequest("opId as a number", "PUT", "/api/local/kv/i", JSON, "{\"value\": \"v\", \"opId\": 42}",
						400, "Field 'opId' must be a JSON string"),
				new BadRequest("context over 4096 characters", "PUT", "/api/local/kv/c", JSON,
						json(Map.of("value", "v", "context", "r1:1,".repeat(1000))), 400, "context"),
				new BadRequest("bad await", "PUT", "/api/local/kv/w?await=soon", JSON, value("blue"), 400, "await"),
				new BadRequest("DELETE with a value", "DELETE", "/api/local/kv/d", JSON, value("blue"), 400,
						"takes no value"),
				// modes, methods
				new BadRequest("unknown mode", "PUT", "/api/eventual/kv/k", JSON, value("blue"), 404, "Unknown mode"),
				new BadRequest("unknown mode on read", "GET", "/api/eventual/kv", null, null, 404, "Unknown mode"),
				new BadRequest("wrong method", "POST", "/api/local/kv/k", JSON, value("blue"), 405, "POST"),
				// paging and ops
				new BadRequest("wal after=-1", "GET", "/api/replica/wal?after=-1", null, null, 400, "after"),
				new BadRequest("wal limit=0", "GET", "/api/replica/wal?limit=0", null, null, 400, "limit"),
				new BadRequest("wal limit=1001", "GET", "/api/replica/wal?limit=1001", null, null, 400, "limit"),
				new BadRequest("wal limit=abc", "GET", "/api/replica/wal?limit=abc", null, null, 400, "limit"),
				new BadRequest("wal of an unknown mode", "GET", "/api/replica/wal?mode=eventual", null, null, 404,
						"Unknown mode"),
				new BadRequest("applied without a mode", "GET", "/api/replica/applied", null, null, 400, "mode"),
				new BadRequest("op id that is no UUID", "GET", "/api/replica/ops/not-a-uuid", null, null, 400,
						"Bad opId"),
				new BadRequest("unknown path", "GET", "/api/nothing-here", null, null, 404, "nothing-here"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void refusedAsAProblemAndNothingWritten(BadRequest bad) {
		Http http = http();
		long walSize = http.walSize();

		Response response = http.send(bad.method(), bad.path(), bad.contentType(), bad.body());

		assertThat(response.status()).as(response.toString()).isEqualTo(bad.status());
		assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
		assertThat(problem.path("title").asString() + " / " + problem.path("detail").asString())
			.containsIgnoringCase(bad.expect());
		assertThat(http.walSize()).isEqualTo(walSize);
	}

	@Test
	void invalidUtf8BytesAreRefused() {
		Http http = http();
		long walSize = http.walSize();

		Response response = http.sendBytes("PUT", "/api/local/kv/bytes", JSON,
				new byte[] { '{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' });

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(http.walSize()).isEqualTo(walSize);
	}

	@Test
	void theCorpusWouldSeeAWrite() {
		Http http = http();
		long walSize = http.walSize();

		assertThat(http.put("local", "good", "blue", null).status()).isEqualTo(200);

		assertThat(http.walSize()).isEqualTo(walSize + 1);
	}

	@Test
	void chunkedBodyOverTheLimitIsRefused() {
		Http http = http();
		long walSize = http.walSize();
		byte[] body = value("x".repeat(1024 * 1024 + 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

		Response response = http.sendChunked("PUT", "/api/local/kv/chunked", JSON, body);

		assertThat(response.status()).as(response.toString()).isEqualTo(413);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("title").asString()).isEqualTo("Request body too large");
		assertThat(http.walSize()).isEqualTo(walSize);
	}

	private static String value(String value) {
		return json(Map.of("value", value));
	}

}
