package io.replicationlab.reconcile;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.replicationlab.ReplicationLabApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three replicas {@code r1..r3} in this JVM, each a Spring application with its own port and H2 files, talking real
 * HTTP to each other; and a small HTTP client for the tests.
 */
final class ReplicaCluster implements AutoCloseable {

	static final String TOKEN = "test-cluster-token";

	static final List<String> IDS = List.of("r1", "r2", "r3");

	final Map<String, Integer> ports = new LinkedHashMap<>();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	final JsonMapper json = JsonMapper.builder().build();

	ReplicaCluster(Path dataDir, String conflictPolicy) {
		for (String id : IDS) {
			this.ports.put(id, freePort());
		}
		String peers = this.ports.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=http://localhost:" + entry.getValue())
			.collect(Collectors.joining(","));
		try {
			for (String id : IDS) {
				// command-line arguments: they outrank application.yml, which builder default properties do not
				this.contexts.add(new SpringApplicationBuilder(ReplicationLabApplication.class).run(
						"--server.port=" + this.ports.get(id), "--replica.id=" + id,
						"--replica.data-dir=" + dataDir.resolve(id), "--replica.peers=" + peers,
						"--replica.cluster-token=" + TOKEN, "--reconcile.pull-interval=200ms",
						"--reconcile.conflict-policy=" + conflictPolicy, "--spring.kafka.bootstrap-servers=localhost:1",
						"--management.metrics.use-global-registry=false", "--springdoc.api-docs.enabled=false",
						"--logging.level.io.replicationlab=info"));
			}
			// a fresh replica accepts reconcile writes once it has pulled from a peer (Rejoin): let every one do so
			// before a test partitions them
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> IDS.stream()
					.noneMatch((id) -> request(id, "GET", "/api/replica", null).body().path("modes").path("reconcile")
						.path("rejoining").asBoolean()));
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, String contentType, JsonNode body) {
	}

	Answer request(String replica, String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.ports.get(replica) + path))
			.timeout(Duration.ofSeconds(10))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode node = response.body().isEmpty() ? null : this.json.readTree(response.body());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), node);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer request(String replica, String method, String path, String body) {
		return request(replica, method, path, body, Map.of());
	}

	/** Writes (value null: deletes) a reconcile key, with a context or without; returns the receipt. */
	JsonNode write(String replica, String key, String value, String context) {
		Map<String, String> body = new LinkedHashMap<>();
		if (value != null) {
			body.put("value", value);
		}
		if (context != null) {
			body.put("context", context);
		}
		Answer answer = request(replica, (value != null) ? "PUT" : "DELETE", "/api/reconcile/kv/" + key,
				this.json.writeValueAsString(body));
		if (answer.status() != 200) {
			throw new IllegalStateException("write refused: " + answer);
		}
		return answer.body();
	}

	Answer read(String replica, String key) {
		return request(replica, "GET", "/api/reconcile/kv/" + key, null);
	}

	List<String> values(String replica, String key) {
		Answer answer = read(replica, key);
		if (answer.status() == 404) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		answer.body().get("values").forEach((value) -> values.add(value.asString()));
		return values;
	}

	JsonNode state(String replica) {
		return request(replica, "GET", "/api/reconcile/kv", null).body();
	}

	String vector(String replica) {
		return state(replica).get("versionVector").asString();
	}

	String digest(String replica) {
		return state(replica).get("digest").asString();
	}

	JsonNode position(String replica) {
		return request(replica, "GET", "/api/replica", null).body().get("modes").get("reconcile");
	}

	/** Ops all other replicas shipped to this one so far, from their counters. */
	long shippedTo(String replica) {
		long ops = 0;
		for (String other : IDS) {
			JsonNode shipped = position(other).get("shipped").get(replica);
			if (shipped != null) {
				ops += shipped.get("ops").asLong();
			}
		}
		return ops;
	}

	/** The op ids of the reconcile applied log, in apply order, duplicates left out. */
	List<String> appliedOrder(String replica) {
		List<String> order = new ArrayList<>();
		request(replica, "GET", "/api/replica/applied?mode=reconcile&limit=1000", null).body().forEach((row) -> {
			if (!row.get("outcome").asString().equals("DUPLICATE")) {
				order.add(row.get("opId").asString());
			}
		});
		return order;
	}

	Answer partition(String via, String body) {
		return request(via, "POST", "/api/cluster/partition", body);
	}

	Answer heal(String via) {
		return request(via, "DELETE", "/api/cluster/partition", null);
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.contexts.clear();
	}

}
