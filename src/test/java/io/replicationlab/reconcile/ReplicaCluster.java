package io.replicationlab.reconcile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

/**
 * Three reconcile replicas {@code r1..r3} in this JVM (the shared {@link ThreeReplicas}
 * fixture, no Kafka broker) with a fast pull interval and the given conflict policy, on a
 * data directory of their own that {@link #close()} deletes; and the reconcile-specific
 * requests of the tests. A test class holds one in an {@code @AutoClose} field.
 */
final class ReplicaCluster implements AutoCloseable {

	static final String TOKEN = ThreeReplicas.TOKEN;

	static final List<String> IDS = ThreeReplicas.IDS;

	private final Path dataDir;

	private final ThreeReplicas replicas;

	ReplicaCluster(String conflictPolicy) {
		this(conflictPolicy, "200ms");
	}

	ReplicaCluster(String conflictPolicy, String pullInterval) {
		this.dataDir = createDataDir();
		try {
			this.replicas = new ThreeReplicas(this.dataDir, "reconcile.pull-interval=" + pullInterval,
					"reconcile.conflict-policy=" + conflictPolicy, "springdoc.api-docs.enabled=false",
					"logging.level.io.replicationlab=info");
		}
		catch (RuntimeException | Error ex) {
			deleteDataDir();
			throw ex;
		}
	}

	Http.Response request(String replica, String method, String path, String body, Map<String, String> headers) {
		return this.replicas.request(replica, method, path, body, headers);
	}

	Http.Response request(String replica, String method, String path, String body) {
		return request(replica, method, path, body, Map.of());
	}

	/**
	 * Writes (value null: deletes) a reconcile key, with a context or without; returns
	 * the receipt.
	 */
	JsonNode write(String replica, String key, String value, String context) {
		Map<String, String> body = new LinkedHashMap<>();
		if (value != null) {
			body.put("value", value);
		}
		if (context != null) {
			body.put("context", context);
		}
		Http.Response answer = request(replica, (value != null) ? "PUT" : "DELETE", "/api/reconcile/kv/" + key,
				Http.json(body));
		if (answer.status() != 200) {
			throw new IllegalStateException("write refused: " + answer);
		}
		return answer.json();
	}

	Http.Response read(String replica, String key) {
		return request(replica, "GET", "/api/reconcile/kv/" + key, null);
	}

	List<String> values(String replica, String key) {
		Http.Response answer = read(replica, key);
		if (answer.status() == 404) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		answer.json().get("values").forEach((value) -> values.add(value.asString()));
		return values;
	}

	JsonNode state(String replica) {
		return request(replica, "GET", "/api/reconcile/kv", null).json();
	}

	String vector(String replica) {
		return state(replica).get("versionVector").asString();
	}

	String digest(String replica) {
		return state(replica).get("digest").asString();
	}

	JsonNode position(String replica) {
		return request(replica, "GET", "/api/replica", null).json().get("modes").get("reconcile");
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
		request(replica, "GET", "/api/replica/applied?mode=reconcile&limit=1000", null).json().forEach((row) -> {
			if (!row.get("outcome").asString().equals("DUPLICATE")) {
				order.add(row.get("opId").asString());
			}
		});
		return order;
	}

	Http.Response partition(String via, String body) {
		return request(via, "POST", "/api/cluster/partition", body);
	}

	Http.Response heal(String via) {
		return request(via, "DELETE", "/api/cluster/partition", null);
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		try {
			this.replicas.close();
		}
		finally {
			deleteDataDir();
		}
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("reconcile-cluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void deleteDataDir() {
		try {
			FileSystemUtils.deleteRecursively(this.dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
