package io.replicationlab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for one replica, for tests that must control the exact bytes sent
 * (raw paths, broken bodies) or talk to a replica outside the test's Spring context
 * (another process, a second context).
 */
public final class ReplicaHttp {

	public static final String JSON = "application/json";

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String base;

	public ReplicaHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Sends the request with the path exactly as given (already percent-encoded where
	 * needed).
	 */
	public Response send(String method, String rawPath, String contentType, String body) {
		return exchange(method, rawPath, contentType,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
	}

	private Response exchange(String method, String rawPath, String contentType, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + rawPath))
			.timeout(Duration.ofSeconds(30))
			.method(method, body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + rawPath, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends bytes as they are, for bodies that are not valid UTF-8. */
	public Response sendBytes(String method, String rawPath, String contentType, byte[] body) {
		return exchange(method, rawPath, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
	}

	/**
	 * Sends the bytes without a Content-Length (chunked), as a client streaming a body of
	 * unknown size does.
	 */
	public Response sendChunked(String method, String rawPath, String contentType, byte[] body) {
		return exchange(method, rawPath, contentType,
				HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
	}

	public Response get(String rawPath) {
		return send("GET", rawPath, null, null);
	}

	/**
	 * {@code PUT /api/local/kv/{key}} with {@code {"value": ..., "opId": ...}} (opId left
	 * out when null).
	 */
	public Response put(String mode, String key, String value, String opId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("value", value);
		if (opId != null) {
			body.put("opId", opId);
		}
		return send("PUT", "/api/" + mode + "/kv/" + key, JSON, json(body));
	}

	public long walSize() {
		Response replica = get("/api/replica");
		if (replica.status() != 200) {
			throw new IllegalStateException("GET /api/replica -> " + replica);
		}
		return replica.json().path("walSize").asLong();
	}

	public static String json(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	/** One answer: status, content type and body. */
	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			return MAPPER.readTree(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.contentType + " "
					+ ((this.body.length() > 500) ? this.body.substring(0, 500) + "..." : this.body);
		}

	}

}
