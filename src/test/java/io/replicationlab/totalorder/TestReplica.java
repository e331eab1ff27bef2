package io.replicationlab.totalorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.replicationlab.ReplicationLabApplication;
import io.replicationlab.peers.Partition;
import io.replicationlab.peers.PartitionTable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One replica started in this JVM on a random port, driven over real HTTP. */
final class TestReplica implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String id;

	final Path dataDir;

	private final ConfigurableApplicationContext context;

	private final String baseUrl;

	private TestReplica(String id, Path dataDir, ConfigurableApplicationContext context) {
		this.id = id;
		this.dataDir = dataDir;
		this.context = context;
		this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	static TestReplica start(String id, Path dataDir, String bootstrapServers, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("replica.id=" + id, "replica.data-dir=" + dataDir,
				"server.port=0", "spring.kafka.bootstrap-servers=" + bootstrapServers, "totalorder.await-timeout=1s",
				"totalorder.check-interval=300ms", "totalorder.poll-timeout=100ms", "spring.main.banner-mode=off"));
		properties.addAll(List.of(extraProperties));
		// command-line arguments, not builder properties: those are defaults, which
		// application.yml overrides
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplicationLabApplication.class)
			.run(properties.stream().map((property) -> "--" + property).toArray(String[]::new));
		return new TestReplica(id, dataDir, context);
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	void impose(Partition partition) {
		this.context.getBean(PartitionTable.class).impose(partition);
	}

	void heal() {
		this.context.getBean(PartitionTable.class).heal();
	}

	/** PUT a total-order write; returns the status code and the receipt. */
	Response put(String key, String value, UUID opId, String await) {
		String body = JSON.writeValueAsString(java.util.Map.of("value", value, "opId", opId.toString()));
		return send(
				HttpRequest.newBuilder(uri("/api/total-order/kv/" + key + ((await != null) ? "?await=" + await : "")))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(body))
					.build());
	}

	Response fetch(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	JsonNode get(String path) {
		Response response = fetch(path);
		if (response.status() != 200) {
			throw new IllegalStateException("GET " + path + " on " + this.id + " -> " + response.status());
		}
		return response.body();
	}

	/** The whole total-order applied log, paged through. */
	List<JsonNode> applied() {
		return pageThrough("/api/replica/applied?mode=total-order", "position");
	}

	/** The op ids of the total-order WAL in local order. */
	List<String> walOpIds() {
		return pageThrough("/api/replica/wal?mode=total-order", "lsn").stream()
			.map((row) -> row.get("opId").asString())
			.toList();
	}

	String digest() {
		return get("/api/total-order/kv").get("digest").asString();
	}

	private List<JsonNode> pageThrough(String path, String cursor) {
		List<JsonNode> rows = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = get(path + "&limit=100&after=" + after);
			if (page.isEmpty()) {
				return rows;
			}
			page.forEach(rows::add);
			after = page.get(page.size() - 1).get(cursor).asLong();
		}
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
			return new Response(response.statusCode(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	record Response(int status, JsonNode body) {
	}

}
