package io.replicationlab.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input at scale, against the real lab: a corpus of malformed and hostile requests
 * (wrong types, huge bodies, bad UTF-8, control characters, path tricks, wrong methods,
 * forged and gapped deltas, missing and wrong tokens, absurd paging, bad partition
 * bodies...), sent as raw HTTP/1.1 bytes so that nothing is cleaned up on the way. Every
 * answer must be a 4xx {@code application/problem+json}, and no replica's WAL may grow.
 * The internal API's cases carry the lab's cluster token and a peer's
 * {@code X-Replica-Id}, so that a forged, gapped or contradicting delta reaches the
 * checks that must refuse it (and is not stopped earlier for a missing header); each
 * names its exact status and problem type.
 */
@Tag("faults")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {

	private final LabFixture lab;

	BadInputTests(LabFixture lab) {
		this.lab = lab;
	}

	/**
	 * One hostile request and what must answer it: any 4xx problem when {@code status} is
	 * 0, else exactly that status with that problem type ({@code /problems/<type>}) and,
	 * when given, a detail containing {@code detail}.
	 */
	record Case(String name, String target, byte[] request, int status, String type, String detail) {

		Case expect(int status, String type) {
			return expect(status, type, null);
		}

		Case expect(int status, String type, String detail) {
			return new Case(this.name, this.target, this.request, status, type, detail);
		}

		/** Why the answer is not the one expected, or null when it is. */
		String mismatch(Answer answer) {
			boolean problem = answer.contentType() != null
					&& answer.contentType().startsWith("application/problem+json");
			if (!problem) {
				return "not a problem";
			}
			if (this.status == 0) {
				return (answer.status() >= 400 && answer.status() < 500) ? null : "not a 4xx";
			}
			JsonNode body;
			try {
				body = Http.parse(answer.body());
			}
			catch (RuntimeException ex) {
				return "unreadable problem";
			}
			if (answer.status() != this.status || !("/problems/" + this.type).equals(body.path("type").asString())) {
				return "expected " + this.status + " /problems/" + this.type;
			}
			if (this.detail != null && !body.path("detail").asString().contains(this.detail)) {
				return "expected a detail containing '" + this.detail + "'";
			}
			return null;
		}

	}

	@Test
	void everyHostileRequestIsA4xxProblemAndWritesNothing() throws Exception {
		// deltas from r2 must reach the checks, not a partition another test left
		assertThat(this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null).status()).isEqualTo(200);
		// something to point at: a held reconcile op of r2, for forged deltas
		assertThat(this.lab.http("r2").sendJson("PUT", "/api/reconcile/kv/seed", "{\"value\":\"seed\"}").status())
			.isEqualTo(200);
		assertThat(this.lab.http("r1").sendJson("PUT", "/api/local/kv/seed", "{\"value\":\"seed\"}").status())
			.isEqualTo(200);
		// the seeds replicated everywhere before the WALs are measured
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.until(() -> this.lab.replicaIds().stream().map((id) -> {
				try {
					return this.lab.http(id).get("/api/reconcile/kv").json().get("versionVector").asString();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).distinct().count() == 1);
		Map<String, Long> walBefore = walSizes();
		String vectorBefore = vectorOf("r1");

		List<Case> corpus = corpus();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);
		List<String> failures = new ArrayList<>();
		Map<Integer, Integer> statuses = new LinkedHashMap<>();
		for (Case c : corpus) {
			Answer answer = send(c.target(), c.request());
			statuses.merge(answer.status(), 1, Integer::sum);
			String mismatch = c.mismatch(answer);
			if (mismatch != null) {
				failures.add(c.name() + " (" + mismatch + "): " + answer.status() + " " + answer.contentType() + " "
						+ answer.body().substring(0, Math.min(300, answer.body().length())).replace('\n', ' '));
			}
		}
		Map<String, Long> walAfter = walSizes();
		System.out.println("[badinput] cases=" + corpus.size() + " statuses=" + statuses + " failures="
				+ failures.size() + " walBefore=" + walBefore + " walAfter=" + walAfter);
		failures.forEach((failure) -> System.out.println("[badinput] FAIL " + failure));
		assertThat(failures).isEmpty();
		assertThat(walAfter).isEqualTo(walBefore);
		assertThat(vectorOf("r1")).as("r1's version vector after the forged deltas").isEqualTo(vectorBefore);
		assertThat(this.lab.http("r1").get("/api/reconcile/kv/forged").status()).as("the key the forged deltas name")
			.isEqualTo(404);
	}

	private List<Case> corpus() throws Exception {
		List<Case> cases = new ArrayList<>();
		String r1 = this.lab.url("r1");
		String r2 = this.lab.url("r2");
		String r3 = this.lab.url("r3");
		// wrong types and shapes in a write body
		for (String mode : List.of("local", "total-order", "reconcile")) {
			cases.add(put(r1, "/api/" + mode + "/kv/k", "{\"value\": 5}", "number value " + mode));
			cases.add(put(r2, "/api/" + mode + "/kv/k", "{\"value\": [\"a\"]}", "array value " + mode));
			cases.add(put(r3, "/api/" + mode + "/kv/k", "{}", "missing value " + mode));
			cases.add(
					put(r1, "/api/" + mode + "/kv/k", "{\"value\":\"x\",\"opId\":\"not-a-uuid\"}", "bad opId " + mode));
		}
		cases.add(put(r1, "/api/local/kv/k", "{\"value\": {\"a\":1}}", "object value"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\": null}", "null value"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\": true}", "boolean value"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":\"x\",\"extra\":1}", "unknown field"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":\"x\",\"opId\":42}", "numeric opId"));
		cases.add(put(r1, "/api/local/kv/k", "", "empty body"));
		cases.add(put(r1, "/api/local/kv/k", "hello", "not JSON"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":", "truncated JSON"));
		cases.add(put(r1, "/api/local/kv/k", "[1,2]", "array body"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":\"a\"}{\"value\":\"b\"}", "two JSON documents"));
		cases.add(put(r1, "/api/reconcile/kv/k", "{\"value\":\"x\",\"context\":\"garbage\"}", "bad context"));
		cases.add(put(r1, "/api/reconcile/kv/k", "{\"value\":\"x\",\"context\":\"r1:999999\"}", "context ahead"));
		cases.add(put(r1, "/api/reconcile/kv/k", "{\"value\":\"x\",\"context\":42}", "numeric context"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":\"" + "x".repeat(64 * 1024 + 1) + "\"}", "value 64 KiB + 1"));
		cases.add(
				put(r2, "/api/total-order/kv/k", "{\"value\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}", "10 MB body"));
		cases.add(put(r1, "/api/local/kv/k", "{\"value\":\"\\ud800\"}", "unpaired surrogate"));
		// bad UTF-8 bytes and control characters
		cases.add(raw(r1, "PUT", "/api/local/kv/k", "application/json",
				concat("{\"value\":\"".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3, 0x28 },
						"\"}".getBytes(StandardCharsets.UTF_8)),
				"bad UTF-8 in body"));
		cases.add(
				raw(r1, "PUT", "/api/local/kv/k", "application/json",
						concat("{\"value\":\"".getBytes(StandardCharsets.UTF_8),
								new byte[] { (byte) 0xFF, (byte) 0xFE }, "\"}".getBytes(StandardCharsets.UTF_8)),
						"invalid bytes FF FE in body"));
		cases.add(raw(r1, "PUT", "/api/local/kv/k", "application/json",
				"{\"value\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8), "raw control character in JSON string"));
		cases.add(put(r1, "/api/local/kv/a%01b", "{\"value\":\"x\"}", "control character in key"));
		cases.add(put(r1, "/api/local/kv/a%0Ab", "{\"value\":\"x\"}", "newline in key"));
		cases.add(put(r1, "/api/local/kv/a%C3%28b", "{\"value\":\"x\"}", "bad UTF-8 in path"));
		cases.add(put(r1, "/api/local/kv/%C3%A9t%C3%A9", "{\"value\":\"x\"}", "non-ASCII key"));
		cases.add(put(r1, "/api/local/kv/" + "k".repeat(257), "{\"value\":\"x\"}", "key of 257 characters"));
		cases.add(put(r1, "/api/local/kv/a%20b", "{\"value\":\"x\"}", "space in key"));
		cases.add(put(r1, "/api/local/kv/a%zzb", "{\"value\":\"x\"}", "broken percent escape"));
		// path tricks
		cases.add(put(r1, "/api/local/kv/a%2Fb", "{\"value\":\"x\"}", "encoded slash in key"));
		cases.add(put(r1, "/api/local/kv/a%00b", "{\"value\":\"x\"}", "encoded NUL in key"));
		cases.add(put(r1, "/api/local/kv/..", "{\"value\":\"x\"}", "dot-dot key"));
		cases.add(put(r1, "/api/local/kv/%2E%2E", "{\"value\":\"x\"}", "encoded dot-dot key"));
		cases.add(put(r1, "/api/local/kv/..%2F..%2Fetc%2Fpasswd", "{\"value\":\"x\"}", "traversal in key"));
		cases.add(get(r1, "/api/local/kv/..%2F..%2Fetc%2Fpasswd", null, "traversal in read"));
		cases.add(get(r1, "/api/../internal/reconcile/deltas?since=", null, "dot-dot into /internal"));
		cases.add(get(r1, "//internal/reconcile/deltas?since=", null, "double slash into /internal"));
		cases.add(get(r1, "/internal;x=y/reconcile/deltas?since=", null, "path parameter into /internal"));
		cases.add(get(r1, "/INTERNAL/reconcile/deltas?since=", null, "upper-case /internal"));
		cases.add(get(r1, "/api/local/kv/k;jsessionid=1", null, "path parameter on a key"));
		// wrong methods and media types
		cases.add(raw(r1, "POST", "/api/local/kv/k", "application/json", bytes("{\"value\":\"x\"}"), "POST a key"));
		cases.add(raw(r1, "PATCH", "/api/local/kv/k", "application/json", bytes("{\"value\":\"x\"}"), "PATCH a key"));
		cases.add(raw(r1, "DELETE", "/api/local/kv", null, null, "DELETE the collection"));
		cases.add(raw(r1, "PUT", "/api/replica", "application/json", bytes("{}"), "PUT /api/replica"));
		cases.add(raw(r1, "POST", "/api/cluster/verify?mode=local", null, null, "POST verify"));
		cases.add(raw(r1, "GET", "/api/lab/replicas/r1/kill", null, null, "GET a kill"));
		cases.add(raw(r1, "POST", "/api/lab/replicas/r9/kill", null, null, "kill an unknown replica"));
		cases.add(raw(r1, "POST", "/api/lab/replicas/..%2Fr1/kill", null, null, "kill with a path trick"));
		cases.add(raw(r1, "PUT", "/api/local/kv/k", "text/plain", bytes("x"), "text/plain body"));
		cases.add(raw(r1, "PUT", "/api/local/kv/k", "application/xml", bytes("<value>x</value>"), "XML body"));
		cases.add(raw(r1, "PUT", "/api/local/kv/k", null, bytes("{\"value\":\"x\"}"), "no content type"));
		// unknown modes and levels
		cases.add(put(r1, "/api/bogus/kv/k", "{\"value\":\"x\"}", "unknown mode"));
		cases.add(put(r1, "/api/LOCAL/kv/k", "{\"value\":\"x\"}", "upper-case mode"));
		cases.add(put(r1, "/api/total-order/kv/k?await=forever", "{\"value\":\"x\"}", "unknown await"));
		cases.add(get(r1, "/api/bogus/kv", null, "unknown mode state"));
		// absurd paging and bad parameters
		for (String paging : List.of("limit=1e9", "limit=-1", "limit=abc", "limit=0", "limit=1000000000",
				"limit=99999999999999999999", "after=-5", "after=abc", "after=1e3", "mode=bogus")) {
			cases.add(get(r1, "/api/replica/wal?" + paging, null, "wal " + paging));
		}
		cases.add(get(r2, "/api/replica/applied", null, "applied without mode"));
		cases.add(get(r2, "/api/replica/applied?mode=local&limit=-3", null, "applied negative limit"));
		cases.add(get(r2, "/api/replica/ops/not-a-uuid", null, "op id not a UUID"));
		cases.add(get(r2, "/api/replica/ops/" + UUID.randomUUID(), null, "unknown op"));
		cases.add(get(r3, "/api/cluster", null, "cluster without mode"));
		cases.add(get(r3, "/api/cluster?mode=bogus", null, "cluster unknown mode"));
		cases.add(get(r3, "/api/cluster/verify?mode=bogus", null, "verify unknown mode"));
		cases.add(get(r3, "/api/cluster/verify?mode=local&quiesce=-1", null, "negative quiesce"));
		cases.add(get(r3, "/api/cluster/verify?mode=local&quiesce=abc", null, "non-numeric quiesce"));
		cases.add(get(r3, "/api/cluster/verify?mode=local&quiesce=100000", null, "huge quiesce"));
		cases.add(get(r3, "/api/cluster/verify?mode=local&quiesce=1e9", null, "quiesce 1e9"));
		// bad partition bodies
		for (String body : List.of("{}", "{\"groups\": [[\"r9\"]]}", "{\"groups\": [[\"r1\"], [\"r1\"]]}",
				"{\"groups\": [[]]}", "{\"groups\": \"r1\"}", "{\"groups\": [[\"r1\"]], \"kafka\": [\"r9\"]}",
				"{\"groups\": [[1, 2]]}", "partition!", "{\"groups\": [[\"r1\"]], \"extra\": true}")) {
			cases.add(raw(r1, "POST", "/api/cluster/partition", "application/json", bytes(body), "partition " + body));
		}
		// the internal API: a missing or wrong token stops a request at the filter;
		// everything after that is sent
		// as r2 would send it (the lab's token, r2's id), so that the delta checks
		// themselves must refuse it
		String token = this.lab.clusterToken();
		String asR2 = "r2";
		String r2Name = incarnationOf("r2");
		long r2Counter = counterIn(vectorOf("r1"), r2Name);
		cases.add(get(r1, "/internal/reconcile/deltas?since=", null, "deltas without token").expect(401,
				"cluster-token"));
		cases.add(get(r1, "/internal/reconcile/deltas?since=", "wrong-token", "deltas with a wrong token").expect(401,
				"cluster-token"));
		cases.add(get(r1, "/internal/reconcile/deltas?since=", "", "deltas with an empty token").expect(401,
				"cluster-token"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", null, asR2, batch(op("r2:1", "", "no token")),
				"push without token")
			.expect(401, "cluster-token"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", "nope", asR2, batch(op("r2:1", "", "wrong")),
				"push with a wrong token")
			.expect(401, "cluster-token"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, null,
				batch(op(r2Name + ":" + (r2Counter + 1), "", "anonymous")), "push naming no replica")
			.expect(403, "unknown-replica"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, "r9",
				batch(op(r2Name + ":" + (r2Counter + 1), "", "stranger")), "push from an unknown replica")
			.expect(403, "unknown-replica"));
		cases.add(internal(r1, "GET", "/internal/reconcile/deltas?since=", token, "r9", null,
				"pull by an unknown replica")
			.expect(403, "unknown-replica"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2, batch(op("r9:1", "", "forged")),
				"forged delta from an unknown origin")
			.expect(400, "bad-delta-batch", "unknown origin 'r9'"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2,
				batch(op(r2Name + ":" + (r2Counter + 2), "", "gapped")), "gapped delta")
			.expect(409, "conflicting-delta-batch", "gap"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2,
				batch(op(r2Name + ":" + (r2Counter + 1), "", "first"),
						op(r2Name + ":" + (r2Counter + 3), "", "gapped")),
				"delta batch with a gap inside")
			.expect(400, "bad-delta-batch", "gap in"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2,
				batch(op(r2Name + ":" + r2Counter, "", "rewritten")), "delta rewriting a held dot")
			.expect(409, "conflicting-delta-batch", "held here"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2, batch(op("r2:zero", "", "bad dot")),
				"delta with a bad dot")
			.expect(400, "bad-delta-batch", "r2:zero"));
		cases.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2,
				batch(op(r2Name + ":" + (r2Counter + 1), r2Name + ":" + (r2Counter + 1), "self")),
				"delta whose context covers its own dot")
			.expect(400, "bad-delta-batch", "covers itself"));
		cases
			.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2, "{\"ops\": [", "truncated delta batch")
				.expect(400, "bad-delta-batch", "malformed batch"));
		cases
			.add(internal(r1, "POST", "/internal/reconcile/deltas", token, asR2, "{\"ops\": 7}", "delta ops not a list")
				.expect(400, "bad-delta-batch", "malformed batch"));
		cases.add(
				internal(r1, "GET", "/internal/reconcile/deltas?since=garbage", token, asR2, null, "since not a vector")
					.expect(400, "bad-since"));
		cases.add(internal(r1, "GET", "/internal/reconcile/deltas?since=&limit=1e9", token, asR2, null,
				"deltas limit 1e9")
			.expect(400, "bad-parameter"));
		cases
			.add(internal(r1, "GET", "/internal/reconcile/deltas?since=&limit=-1", token, asR2, null, "deltas limit -1")
				.expect(400, "bad-paging"));
		cases.add(internal(r1, "PUT", "/internal/partition", null, asR2, "{}", "internal partition without token")
			.expect(401, "cluster-token"));
		cases.add(internal(r1, "PUT", "/internal/partition", token, asR2, "{\"groups\": 5}",
				"internal partition bad body")
			.expect(400, "unreadable-body"));
		// a header too large for the server
		cases.add(
				new Case("16 KB header", r1,
						("GET /api/replica HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(16 * 1024)
								+ "\r\nConnection: close\r\n\r\n")
							.getBytes(StandardCharsets.ISO_8859_1),
						0, null, null));
		return cases;
	}

	/** A push as {@code DeltaExchange#push} sends it, with these ops. */
	private static String batch(String... ops) {
		return "{\"replica\": \"r2\", \"since\": \"\", \"vector\": \"\", \"ops\": [" + String.join(", ", ops)
				+ "], \"more\": false}";
	}

	/**
	 * An op of a delta batch, well formed but for what the case names, on key
	 * {@code forged}.
	 */
	private static String op(String dot, String context, String value) {
		return """
				{"opId": "%s", "dot": "%s", "key": "forged", "value": "%s", "context": "%s", \
				"acceptedAt": "2026-11-29T10:00:00Z", "originLsn": 1}""".formatted(UUID.randomUUID(), dot, value,
				context);
	}

	private static Case put(String base, String path, String body, String name) {
		return raw(base, "PUT", path, "application/json", bytes(body), name);
	}

	private static Case get(String base, String path, String token, String name) {
		return internal(base, "GET", path, token, null, null, name);
	}

	/**
	 * A request with the cluster token and the replica header when given (null: header
	 * left out).
	 */
	private static Case internal(String base, String method, String path, String token, String replica, String body,
			String name) {
		StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
		if (token != null) {
			head.append("X-Cluster-Token: ").append(token).append("\r\n");
		}
		if (replica != null) {
			head.append("X-Replica-Id: ").append(replica).append("\r\n");
		}
		return request(base, head, (body != null) ? "application/json" : null, (body != null) ? bytes(body) : null,
				name);
	}

	private static Case raw(String base, String method, String path, String contentType, byte[] body, String name) {
		return request(base, new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"), contentType,
				body, name);
	}

	private static Case request(String base, StringBuilder head, String contentType, byte[] body, String name) {
		if (contentType != null) {
			head.append("Content-Type: ").append(contentType).append("\r\n");
		}
		head.append("Accept: application/json, application/problem+json\r\n");
		head.append("Content-Length: ").append((body != null) ? body.length : 0).append("\r\n");
		head.append("Connection: close\r\n\r\n");
		return new Case(name, base,
				concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), (body != null) ? body : new byte[0]), 0,
				null, null);
	}

	record Answer(int status, String contentType, String body) {
	}

	/** Sends raw bytes and reads the whole answer (the connection closes after it). */
	private static Answer send(String base, byte[] request) throws IOException {
		URI uri = URI.create(base);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// the server may answer and close before reading a huge body: read what
				// it said
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			try {
				in.transferTo(received);
			}
			catch (IOException ex) {
				// a reset after the answer
			}
			// the head is ASCII: its length in characters is its length in bytes
			String text = received.toString(StandardCharsets.ISO_8859_1);
			int headEnd = text.indexOf("\r\n\r\n");
			String head = (headEnd < 0) ? text : text.substring(0, headEnd);
			String[] lines = head.split("\r\n");
			int status = (lines[0].length() >= 12) ? Integer.parseInt(lines[0].substring(9, 12)) : -1;
			String contentType = null;
			boolean chunked = false;
			for (String line : lines) {
				String lower = line.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-type:")) {
					contentType = line.substring(13).trim();
				}
				chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
			}
			byte[] all = received.toByteArray();
			byte[] body = (headEnd < 0) ? new byte[0] : Arrays.copyOfRange(all, headEnd + 4, all.length);
			return new Answer(status, contentType,
					new String(chunked ? dechunked(body) : body, StandardCharsets.UTF_8));
		}
	}

	/**
	 * The payload of a chunked body: each chunk is its size in hex, CRLF, the bytes,
	 * CRLF; size 0 ends it.
	 */
	private static byte[] dechunked(byte[] body) {
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		int at = 0;
		while (at < body.length) {
			int lineEnd = at;
			while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
				lineEnd++;
			}
			String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
			int length = size.matches("[0-9A-Fa-f]{1,7}") ? Integer.parseInt(size, 16) : 0;
			if (length == 0) {
				// the last chunk, or an answer cut short: what came so far
				break;
			}
			payload.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
			at = lineEnd + 2 + length + 2;
		}
		return payload.toByteArray();
	}

	private String vectorOf(String id) throws Exception {
		return this.lab.http(id).get("/api/reconcile/kv").json().get("versionVector").asString();
	}

	/**
	 * The name under which the replica issues its reconcile dots ({@code r2~3f9a0c2e}),
	 * read from its own vector.
	 */
	private String incarnationOf(String id) throws Exception {
		return Arrays.stream(vectorOf(id).split(","))
			.map((entry) -> entry.substring(0, entry.lastIndexOf(':')))
			.filter((name) -> name.startsWith(id + "~"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(id + " issued no reconcile dot"));
	}

	private static long counterIn(String vector, String name) {
		return Arrays.stream(vector.split(","))
			.filter((entry) -> entry.startsWith(name + ":"))
			.mapToLong((entry) -> Long.parseLong(entry.substring(name.length() + 1)))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " not in " + vector));
	}

	private Map<String, Long> walSizes() throws Exception {
		Map<String, Long> sizes = new LinkedHashMap<>();
		for (String id : this.lab.replicaIds()) {
			sizes.put(id, this.lab.http(id).get("/api/replica").json().get("walSize").asLong());
		}
		return sizes;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

}
