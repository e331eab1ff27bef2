package io.replicationlab.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tests' one HTTP client, for a replica, a lab supervisor or any other server at
 * {@code base}: it sends exactly the path, content type and bytes it is given (raw paths,
 * broken bodies), so that a test sees what a user's client would. One JDK client
 * (HTTP/1.1) serves every instance; an instance only holds the base URL, the time a
 * request may take and the headers to add.
 */
public final class Http {

	public static final String JSON = "application/json";

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Long enough for a replica on a loaded 2-core machine; a hung one still fails. */
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final String base;

	private final Duration timeout;

	private final Map<String, String> headers;

	private Http(String base, Duration timeout, Map<String, String> headers) {
		this.base = base;
		this.timeout = timeout;
		this.headers = headers;
	}

	/** A client for the server at {@code base}, e.g. {@code http://localhost:8081}. */
	public static Http to(String base) {
		return new Http(base, TIMEOUT, Map.of());
	}

	/** A client for the server on this machine's {@code port}. */
	public static Http to(int port) {
		return to("http://localhost:" + port);
	}

	/** The same client with another time each request may take. */
	public Http timeout(Duration timeout) {
		return new Http(this.base, timeout, this.headers);
	}

	/** The same client, adding this header to every request. */
	public Http header(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Http(this.base, this.timeout, Map.copyOf(headers));
	}

	/**
	 * Sends the body with the path exactly as given (already percent-encoded where
	 * needed); no {@code Content-Type} when {@code contentType} is null.
	 */
	public Response send(String method, String path, String contentType, String body) {
		return exchange(request(method, path, contentType, body));
	}

	/** Sends bytes as they are, for bodies that are not valid UTF-8. */
	public Response sendBytes(String method, String path, String contentType, byte[] body) {
		return exchange(request(method, path, contentType, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Sends the bytes without a Content-Length (chunked), as a client streaming a body of
	 * unknown size does.
	 */
	public Response sendChunked(String method, String path, String contentType, byte[] body) {
		return exchange(request(method, path, contentType,
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	/** {@link #send(String, String, String, String)} without waiting for the answer. */
	public CompletableFuture<Response> sendAsync(String method, String path, String contentType, String body) {
		return CLIENT.sendAsync(request(method, path, contentType, body), ofUtf8()).thenApply(Response::of);
	}

	/** A JSON request, as the dashboard and {@code curl -H 'Content-Type: ...'} send. */
	public Response sendJson(String method, String path, String body) {
		return send(method, path, JSON, body);
	}

	public Response get(String path) {
		return send("GET", path, null, null);
	}

	/**
	 * The JSON body of a GET that must answer 200.
	 * @throws IllegalStateException on any other status
	 */
	public JsonNode getJson(String path) {
		Response response = get(path);
		if (response.status() != 200) {
			throw new IllegalStateException("GET " + this.base + path + " -> " + response);
		}
		return response.json();
	}

	/**
	 * {@code PUT /api/{mode}/kv/{key}} with {@code {"value": ..., "opId": ...}} (opId
	 * left out when null).
	 */
	public Response put(String mode, String key, String value, String opId) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("value", value);
		if (opId != null) {
			body.put("opId", opId);
		}
		return sendJson("PUT", "/api/" + mode + "/kv/" + key, json(body));
	}

	/**
	 * Every row of the replica's applied log of {@code mode} after position
	 * {@code after}, in position order, read page by page.
	 */
	public List<JsonNode> appliedLog(String mode, long after) {
		return rows("applied", mode, "position", after);
	}

	/**
	 * Every row of the replica's WAL of {@code mode} (every mode's when {@code null}), in
	 * local order, page by page.
	 */
	public List<JsonNode> wal(String mode) {
		return rows("wal", mode, "lsn", 0);
	}

	private List<JsonNode> rows(String log, String mode, String cursor, long after) {
		List<JsonNode> rows = new ArrayList<>();
		long position = after;
		while (true) {
			JsonNode page = getJson(
					"/api/replica/" + log + "?limit=1000&after=" + position + ((mode != null) ? "&mode=" + mode : ""));
			if (page.isEmpty()) {
				return rows;
			}
			page.forEach(rows::add);
			position = page.get(page.size() - 1).path(cursor).asLong();
		}
	}

	/** The replica's WAL size, as {@code /api/replica} reports it. */
	public long walSize() {
		return getJson("/api/replica").path("walSize").asLong();
	}

	public static String json(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	private HttpRequest request(String method, String path, String contentType, String body) {
		return request(method, path, contentType,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
	}

	private HttpRequest request(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(this.timeout)
			.method(method, body);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		this.headers.forEach(request::header);
		return request.build();
	}

	private static Response exchange(HttpRequest request) {
		try {
			return Response.of(CLIENT.send(request, ofUtf8()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.method() + " " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse.BodyHandler<String> ofUtf8() {
		return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
	}

	/** One answer: status, content type, body and every header. */
	public record Response(int status, String contentType, String body, HttpHeaders headers) {

		static Response of(HttpResponse<String> response) {
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), response.headers());
		}

		public JsonNode json() {
			return MAPPER.readTree(this.body);
		}

		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		@Override
		public String toString() {
			return this.status + " " + this.contentType + " "
					+ ((this.body.length() > 500) ? this.body.substring(0, 500) + "..." : this.body);
		}

	}

}
