package io.replicationlab.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.replicationlab.ReplicationLabApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three replicas in this JVM, r1 to r3, on ports chosen before they start so that each knows its peers' URLs, each
 * with its own data directory. The dashboard served by r1 reaches r2 and r3 across origins, as in the lab.
 */
final class ThreeReplicas implements AutoCloseable {

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ThreeReplicas() {
	}

	/** Starts r1, r2 and r3; {@code extra} properties (Kafka bootstrap servers, say) go to every replica. */
	static ThreeReplicas start(Path dataDir, Map<String, String> extra) {
		return start(dataDir, extra, "localhost");
	}

	/**
	 * Starts r1, r2 and r3, each knowing its peers at {@code peerHost} (another loopback address, say, that the
	 * replicas reach and a browser may be kept from reaching).
	 */
	static ThreeReplicas start(Path dataDir, Map<String, String> extra, String peerHost) {
		ThreeReplicas replicas = new ThreeReplicas();
		for (String id : List.of("r1", "r2", "r3")) {
			replicas.ports.put(id, freePort());
		}
		String peers = replicas.ports.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=http://" + peerHost + ":" + entry.getValue())
			.collect(Collectors.joining(","));
		try {
			replicas.ports.forEach((id, port) -> {
				// command-line arguments, because they override application.yml (default properties do not)
				List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--replica.id=" + id,
						"--replica.data-dir=" + dataDir.resolve(id), "--replica.peers=" + peers,
						"--spring.main.banner-mode=off"));
				extra.forEach((key, value) -> arguments.add("--" + key + "=" + value));
				replicas.contexts
					.add(new SpringApplicationBuilder(ReplicationLabApplication.class).run(arguments.toArray(String[]::new)));
			});
		}
		catch (RuntimeException failure) {
			replicas.close();
			throw failure;
		}
		return replicas;
	}

	int port(String id) {
		return this.ports.get(id);
	}

	String url(String id) {
		return "http://localhost:" + this.ports.get(id);
	}

	/** The HTTP status of a GET on r1, 0 when it does not answer: tells which optional endpoints exist. */
	int statusOf(String path) {
		HttpResponse<String> response = get(path);
		return (response != null) ? response.statusCode() : 0;
	}

	/** A GET on r1, null when it does not answer. */
	HttpResponse<String> get(String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url("r1") + path))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException failure) {
			return null;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** A call to one replica's API (a JSON body, or none), for a test's own setup; fails when it does not answer. */
	HttpResponse<String> send(String id, String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(id) + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException failure) {
			throw new UncheckedIOException(method + " " + path + " on " + id, failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(interrupted);
		}
	}

	/** Writes {@code count} keys on one replica through its API, fifty at a time, and fails unless each answers 200. */
	void writeMany(String id, String mode, int count) {
		for (int first = 0; first < count; first += 50) {
			List<CompletableFuture<HttpResponse<Void>>> batch = new ArrayList<>();
			for (int i = first; i < Math.min(count, first + 50); i++) {
				HttpRequest request = HttpRequest.newBuilder(URI.create(url(id) + "/api/" + mode + "/kv/many-" + (i % 97)))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString("{\"value\": \"v" + i + "\"}"))
					.build();
				batch.add(this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
			}
			batch.forEach((response) -> {
				int status = response.join().statusCode();
				if (status != 200) {
					throw new IllegalStateException("PUT on " + id + " answered " + status);
				}
			});
		}
	}

	@Override
	public void close() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.contexts.clear();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

}
