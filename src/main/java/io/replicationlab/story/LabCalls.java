package io.replicationlab.story;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls a story makes: to the replicas' public API and to the lab controls.
 * Never throws for an answer.
 */
final class LabCalls {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> replicaUrls;

	private final String labUrl;

	/**
	 * @param labUrl where the lab controls answer ({@code /api/lab/...})
	 */
	LabCalls(Map<String, String> replicaUrls, String labUrl) {
		this.replicaUrls = new LinkedHashMap<>(replicaUrls);
		this.labUrl = labUrl;
	}

	List<String> replicaIds() {
		return List.copyOf(this.replicaUrls.keySet());
	}

	String replicaUrl(String id) {
		return this.replicaUrls.get(id);
	}

	/**
	 * An answer; {@code status} -1 when there was none (connection refused, timeout).
	 *
	 * @param millis how long the call took
	 * @param connected whether the request may have reached the replica: {@code false}
	 * only when the connection was never made, so nothing can have been written
	 */
	record Answer(int status, String body, long millis, boolean connected) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (RuntimeException ex) {
				return JSON.nullNode();
			}
		}

	}

	Answer replica(String id, String method, String path, String body) {
		return call(method, this.replicaUrls.get(id) + path, body, Duration.ofSeconds(30));
	}

	Answer lab(String method, String path, String body) {
		return call(method, this.labUrl + path, body, Duration.ofSeconds(90));
	}

	Answer call(String method, String url, String body, Duration timeout) {
		long began = System.nanoTime();
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
			if (body != null) {
				request.header("Content-Type", "application/json");
			}
			request.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), (System.nanoTime() - began) / 1_000_000, true);
		}
		catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException ex) {
			return new Answer(-1, String.valueOf(ex.getMessage()), (System.nanoTime() - began) / 1_000_000, false);
		}
		catch (java.io.IOException ex) {
			return new Answer(-1, String.valueOf(ex.getMessage()), (System.nanoTime() - began) / 1_000_000, true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, "interrupted", (System.nanoTime() - began) / 1_000_000, true);
		}
	}

}
