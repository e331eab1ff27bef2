package io.replicationlab.testing;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three replicas {@code r1..r3} in this JVM ({@link InJvmReplica}s), peers of each other,
 * each with its own free port and H2 files under {@code dataRoot}, talking real HTTP,
 * each reached through {@link Http}.
 */
public final class ThreeReplicas implements AutoCloseable {

	public static final String TOKEN = "test-cluster-token";

	public static final List<String> IDS = List.of("r1", "r2", "r3");

	private static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers=";

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	private final Map<String, InJvmReplica> running = new LinkedHashMap<>();

	/**
	 * Each replica's command line, to start it again with the same port, peers and data
	 * directory.
	 */
	private final Map<String, List<String>> arguments = new LinkedHashMap<>();

	/** More configuration classes of every replica (e.g. a test's span exporter). */
	private final Class<?>[] sources;

	/**
	 * Starts r1, r2, r3 one after the other.
	 * @param dataRoot each replica's data directory is {@code dataRoot/<id>}
	 * @param settings more {@code key=value} settings for every replica (without
	 * {@code --}), e.g. the Kafka bootstrap servers; without one,
	 * {@code spring.kafka.bootstrap-servers=localhost:1} (no broker)
	 */
	public ThreeReplicas(Path dataRoot, String... settings) {
		this(dataRoot, new Class<?>[0], settings);
	}

	/**
	 * Like {@link #ThreeReplicas(Path, String...)}, with more configuration classes in
	 * every replica.
	 */
	public ThreeReplicas(Path dataRoot, Class<?>[] sources, String... settings) {
		this(dataRoot, sources, "localhost", settings);
	}

	/**
	 * Like {@link #ThreeReplicas(Path, String...)}, each replica knowing its peers at
	 * {@code peerHost}: another loopback address, say, that the replicas reach and a
	 * browser may be kept from reaching.
	 */
	public static ThreeReplicas withPeersAt(String peerHost, Path dataRoot, String... settings) {
		return new ThreeReplicas(dataRoot, new Class<?>[0], peerHost, settings);
	}

	private ThreeReplicas(Path dataRoot, Class<?>[] sources, String peerHost, String... settings) {
		this.sources = sources.clone();
		for (String id : IDS) {
			this.ports.put(id, FreePorts.any());
		}
		String peers = this.ports.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=http://" + peerHost + ":" + entry.getValue())
			.collect(Collectors.joining(","));
		try {
			for (String id : IDS) {
				List<String> arguments = new ArrayList<>(List.of("server.port=" + this.ports.get(id),
						"replica.id=" + id, "replica.data-dir=" + dataRoot.resolve(id), "replica.peers=" + peers,
						"replica.cluster-token=" + TOKEN, "management.metrics.use-global-registry=false",
						"spring.main.banner-mode=off"));
				// a repeated command-line option is joined with a comma, not replaced:
				// the default only when none given
				if (Arrays.stream(settings).noneMatch((setting) -> setting.startsWith(BOOTSTRAP_SERVERS))) {
					arguments.add(BOOTSTRAP_SERVERS + "localhost:1");
				}
				arguments.addAll(List.of(settings));
				this.arguments.put(id, arguments);
				start(id);
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts a replica that {@link #stop(String)} stopped, on its port, with its data
	 * directory as it now is.
	 */
	public void start(String replica) {
		if (this.running.containsKey(replica)) {
			throw new IllegalStateException(replica + " runs -> start");
		}
		this.running.put(replica, InJvmReplica.start(this.sources, this.arguments.get(replica)));
	}

	/**
	 * Stops one replica (its port then refuses connections); {@link #close()} stops the
	 * others.
	 */
	public void stop(String replica) {
		InJvmReplica stopped = this.running.remove(replica);
		if (stopped != null) {
			stopped.close();
		}
	}

	/** The replica's application context, null while it is stopped. */
	public ConfigurableApplicationContext context(String replica) {
		InJvmReplica running = this.running.get(replica);
		return (running != null) ? running.context() : null;
	}

	/** The replica's base URL, {@code http://localhost:<port>}. */
	public String url(String replica) {
		return "http://localhost:" + this.ports.get(replica);
	}

	public int port(String replica) {
		return this.ports.get(replica);
	}

	/** A client for the replica. */
	public Http http(String replica) {
		return Http.to(port(replica));
	}

	/** A request with a JSON body (no {@code Content-Type} without a body). */
	public Http.Response request(String replica, String method, String path, String body) {
		return request(replica, method, path, body, Map.of());
	}

	/** A request with a JSON body and more headers. */
	public Http.Response request(String replica, String method, String path, String body, Map<String, String> headers) {
		Http http = http(replica);
		for (Map.Entry<String, String> header : headers.entrySet()) {
			http = http.header(header.getKey(), header.getValue());
		}
		return http.send(method, path, (body != null) ? Http.JSON : null, body);
	}

	/**
	 * GET that must answer 200 (or, for health, any status with a JSON body): the JSON
	 * body.
	 */
	public JsonNode get(String replica, String path) {
		Http.Response answer = request(replica, "GET", path, null);
		if (answer.status() != 200 && !answer.contentType().contains("json")) {
			throw new IllegalStateException("GET " + path + " on " + replica + " -> " + answer);
		}
		return answer.json();
	}

	/**
	 * PUT {@code /api/{mode}/kv/{key}} with the value; {@code query} (e.g.
	 * {@code ?await=durable}) may be empty.
	 */
	public Http.Response put(String replica, String mode, String key, String value, String query) {
		return request(replica, "PUT", "/api/" + mode + "/kv/" + key + query, Http.json(Map.of("value", value)));
	}

	/** The status of a GET, 0 when the replica does not answer at all. */
	public int statusOf(String replica, String path) {
		try {
			return request(replica, "GET", path, null).status();
		}
		catch (UncheckedIOException ex) {
			return 0;
		}
	}

	/**
	 * Writes {@code count} values to the keys {@code many-0..many-96} of one replica,
	 * fifty at a time, and fails unless each answers 200.
	 */
	public void writeMany(String replica, String mode, int count) {
		for (int first = 0; first < count; first += 50) {
			List<CompletableFuture<Http.Response>> batch = new ArrayList<>();
			for (int i = first; i < Math.min(count, first + 50); i++) {
				batch.add(http(replica).sendAsync("PUT", "/api/" + mode + "/kv/many-" + (i % 97), Http.JSON,
						Http.json(Map.of("value", "v" + i))));
			}
			batch.forEach((response) -> {
				int status = response.join().status();
				if (status != 200) {
					throw new IllegalStateException("PUT on " + replica + " answered " + status);
				}
			});
		}
	}

	/**
	 * Every row of the replica's applied log of the mode, in apply order, read page by
	 * page.
	 */
	public List<JsonNode> applied(String replica, String mode) {
		return this.running.get(replica).applied(mode);
	}

	/** This replica's Prometheus scrape. */
	public String prometheus(String replica) {
		return request(replica, "GET", "/actuator/prometheus", null).body();
	}

	/**
	 * The value of one Prometheus series, e.g.
	 * {@code metric(scrape, "replication_applies_total",
	 * "mode=\"total-order\",outcome=\"applied\"")}; the labels are given in the scrape's
	 * (sorted) order, all of them.
	 * @throws AssertionError when the series is absent
	 */
	public static double metric(String scrape, String name, String labels) {
		// every meter carries the replica's common tag besides the labels asked for
		java.util.Set<String> wanted = new java.util.HashSet<>(
				labels.isEmpty() ? List.of() : List.of(labels.split(",")));
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)").matcher(scrape);
		while (matcher.find()) {
			java.util.Set<String> present = new java.util.HashSet<>();
			if (matcher.group(1) != null) {
				for (String label : matcher.group(1).split(",")) {
					if (!label.startsWith("replica=")) {
						present.add(label);
					}
				}
			}
			if (present.equals(wanted)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no series " + name + "{" + labels + "} in the scrape");
	}

	/**
	 * The sum of every series of the metric that has each of the comma-separated
	 * {@code labelPart}s (a whole label, or the start of one such as {@code peer=}); 0
	 * when there is none.
	 */
	public static double sum(String scrape, String name, String labelPart) {
		Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
		double sum = 0;
		while (matcher.find()) {
			// each label asked for, wherever the others (the replica tag among them) sort
			// between them
			java.util.List<String> labels = List.of(matcher.group(1).split(","));
			if (List.of(labelPart.split(","))
				.stream()
				.allMatch((part) -> labels.stream().anyMatch((l) -> l.startsWith(part)))) {
				sum += Double.parseDouble(matcher.group(2));
			}
		}
		return sum;
	}

	public Http.Response partition(String via, String body) {
		return request(via, "POST", "/api/cluster/partition", body);
	}

	public Http.Response heal(String via) {
		return request(via, "DELETE", "/api/cluster/partition", null);
	}

	@Override
	public void close() {
		List<InJvmReplica> started = new ArrayList<>(this.running.values());
		for (int i = started.size() - 1; i >= 0; i--) {
			started.get(i).close();
		}
		this.running.clear();
	}

}
