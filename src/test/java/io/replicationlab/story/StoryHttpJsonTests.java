package io.replicationlab.story;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins the JSON the stories API answers (the dashboard's Stories panel, report.json, the
 * HTML report and the tests that judge a report read it): a small story is played against
 * two stub replicas and a third that never answers, and every answer, with its timings
 * and random ids masked, must equal {@code story-api.golden.json} key for key, in order,
 * nulls and absent keys included.
 */
class StoryHttpJsonTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path GOLDEN = Path.of("src/test/resources/io/replicationlab/story/story-api.golden.json");

	/** Values that depend on the clock or on chance: replaced by a placeholder. */
	private static final Set<String> VOLATILE = Set.of("millis", "invokedNanos", "completedNanos", "startedAt",
			"finishedAt", "samples", "divergedSamples", "divergedMillis", "longestDivergedMillis", "p50Millis",
			"p95Millis", "maxMillis", "opId", "dot");

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final String STORY = """
			{"name": "pinned", "title": "Pinned shape", "description": "Every kind of figure, once.",
			 "steps": [
			  {"name": "two writers", "action": "write", "narration": "r1 and r2 write k; r3 does not answer.",
			   "writes": [{"replica": "r1", "key": "k", "value": "a"}, {"replica": "r2", "key": "k", "value": "b"},
			              {"replica": "r3", "key": "j", "value": "c"}]},
			  {"name": "read k", "action": "read", "replica": "r1", "key": "k", "narration": "What r1 holds."},
			  {"name": "kill r2", "action": "kill", "replica": "r2", "narration": "This lab cannot."},
			  {"name": "settle", "action": "settle", "timeout": "PT0.5S", "narration": "r3 never answers."}
			 ]}""";

	private final StubReplicas replicas = new StubReplicas();

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpServer stories;

	private String runId;

	@BeforeEach
	void start() throws IOException {
		this.replicas.start();
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("r1", this.replicas.url("r1"));
		urls.put("r2", this.replicas.url("r2"));
		urls.put("r3", "http://127.0.0.1:" + closedPort());
		StoryHttp handler = new StoryHttp(new StoryService(urls, this.replicas.url("lab")));
		this.stories = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.stories.createContext("/", (exchange) -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
		this.stories.start();
	}

	@AfterEach
	void stop() {
		this.stories.stop(0);
		this.replicas.stop();
	}

	@Test
	void everyAnswerKeepsItsKeysOrderAndNulls() throws Exception {
		ObjectNode answers = JSON.createObjectNode();
		answers.set("methodNotAllowed", problem(send("PUT", "/api/lab/stories", null), 405));
		answers.set("badStory",
				problem(send("POST", "/api/lab/stories/x/runs", "{\"name\":\"x\",\"steps\":[{}]}"), 400));
		answers.set("unknownStory", problem(send("POST", "/api/lab/stories/nothing/runs", null), 404));
		answers.set("unknownRun", problem(send("GET", "/api/lab/stories/runs/nothing", null), 404));

		HttpResponse<String> started = send("POST", "/api/lab/stories/pinned/runs", STORY);
		assertThat(started.statusCode()).isEqualTo(202);
		this.runId = JSON.readTree(started.body()).path("id").asString();
		assertThat(started.headers().firstValue("Location")).contains("/api/lab/stories/runs/" + this.runId);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !json(send("GET", "/api/lab/stories/runs/" + this.runId, null)).path("status")
				.asString()
				.equals("running"));

		answers.set("list", json(send("GET", "/api/lab/stories", null)));
		answers.set("run", json(send("GET", "/api/lab/stories/runs/" + this.runId, null)));
		HttpResponse<String> report = send("GET", "/api/lab/stories/runs/" + this.runId + "/report.json", null);
		assertThat(report.headers().firstValue("Content-Disposition"))
			.contains("attachment; filename=\"story-" + this.runId + ".json\"");
		answers.set("reportJson", json(report));
		answers.put("reportHtml",
				mask(send("GET", "/api/lab/stories/runs/" + this.runId + "/report.html", null).body())
					.replaceAll("\\d+ (crossings|shared|of|samples)", "N $1")
					.replaceAll("p50 \\d+, p95 \\d+, max \\d+", "p50 N, p95 N, max N"));

		String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mask(answers)) + "\n";
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "story-api.actual.json"), actual);
		assertThat(actual).as("the stories API's answers (this run's: target/story-api.actual.json)")
			.isEqualTo(Files.readString(GOLDEN));
	}

	private JsonNode problem(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
		return json(answer);
	}

	private static JsonNode json(HttpResponse<String> answer) {
		return JSON.readTree(answer.body());
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.stories.getAddress().getPort() + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode mask(JsonNode node) {
		if (node.isObject()) {
			ObjectNode masked = JSON.createObjectNode();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				JsonNode value = field.getValue();
				boolean hide = VOLATILE.contains(field.getKey()) && !value.isNull() && !value.isContainer();
				masked.set(mask(field.getKey()), hide ? JSON.getNodeFactory().stringNode("~") : mask(value));
			}
			return masked;
		}
		if (node.isArray()) {
			tools.jackson.databind.node.ArrayNode masked = JSON.createArrayNode();
			node.forEach((element) -> masked.add(mask(element)));
			return masked;
		}
		return node.isString() ? JSON.getNodeFactory().stringNode(mask(node.asString())) : node;
	}

	private String mask(String text) {
		String masked = UUID.matcher(text).replaceAll("OP-ID");
		masked = masked.replaceAll("\\d+ ms", "N ms").replaceAll("about [0-9.]+ s", "about N s");
		return (this.runId != null) ? masked.replace(this.runId, "RUN-ID") : masked;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Two replicas as a story sees them: {@code local} keeps each one's writes,
	 * {@code total-order} and {@code reconcile} one store for both (so they agree), and
	 * in {@code reconcile} r2 applies the ops in the reverse order (so they cross). The
	 * lab answers 404 to every control, as a lab that lacks them.
	 */
	static final class StubReplicas {

		private static final Pattern KV = Pattern.compile("/(r\\d)/api/([a-z-]+)/kv/(.+)");

		private final Map<String, Map<String, String>> stores = new TreeMap<>();

		private final Map<String, String> opKeys = new TreeMap<>();

		private HttpServer server;

		void start() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					answer(exchange);
				}
			});
			this.server.start();
		}

		void stop() {
			this.server.stop(0);
		}

		String url(String id) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + id;
		}

		private synchronized void answer(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String query = String.valueOf(exchange.getRequestURI().getQuery());
			if (path.startsWith("/lab/")) {
				send(exchange, 404, Map.of());
				return;
			}
			String replica = path.substring(1, 3);
			Matcher kv = KV.matcher(path);
			if (kv.matches() && exchange.getRequestMethod().equals("PUT")) {
				JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
				// concurrent writes to one store: the greater value stays, whichever came
				// first
				store(replica, kv.group(2)).merge(kv.group(3), body.path("value").asString(),
						(a, b) -> (a.compareTo(b) > 0) ? a : b);
				this.opKeys.put(body.path("opId").asString(), kv.group(2) + " " + replica + " " + kv.group(3));
				send(exchange, 200, Map.of("dot", replica + ":1"));
			}
			else if (kv.matches()) {
				String value = store(replica, kv.group(2)).get(kv.group(3));
				send(exchange, (value != null) ? 200 : 404,
						(value != null) ? Map.of("values", List.of(value)) : Map.of());
			}
			else if (path.endsWith("/kv")) {
				String mode = path.substring(8, path.length() - 3);
				Map<String, List<String>> entries = new TreeMap<>();
				store(replica, mode).forEach((key, value) -> entries.put(key, List.of(value)));
				send(exchange, 200, Map.of("entries", entries, "lastPosition", 0));
			}
			else if (path.endsWith("/api/replica/applied")) {
				String mode = query.replaceAll(".*mode=([a-z-]+).*", "$1");
				boolean first = query.contains("after=0&");
				send(exchange, 200, first ? applied(replica, mode) : List.of());
			}
			else if (path.contains("/api/replica/ops/")) {
				send(exchange, 200, Map.of("status", "APPLIED"));
			}
			else if (path.endsWith("/api/cluster")) {
				send(exchange, 200, Map.of("diverged", query.contains("local"), "unreachable", List.of("r3")));
			}
			else if (path.endsWith("/api/cluster/verify")) {
				send(exchange, 200, Map.of("holds", false, "properties",
						List.of(Map.of("property", "convergence", "holds", false))));
			}
			else if (path.endsWith("/api/reconcile/lww-ledger")) {
				// forwarded verbatim into the report: built in one order
				List<Map<String, String>> entries = new ArrayList<>();
				store(replica, "reconcile").keySet()
					.forEach((key) -> entries.add(new TreeMap<>(Map.of("key", key, "discarded", "b"))));
				send(exchange, 200, Map.of("conflictPolicy", "last-writer-wins", "entries", entries));
			}
			else {
				send(exchange, 404, Map.of());
			}
		}

		private Map<String, String> store(String replica, String mode) {
			return this.stores.computeIfAbsent(mode.equals("local") ? mode + " " + replica : mode,
					(name) -> new TreeMap<>());
		}

		/** The ops of the mode this replica applied, ordered by key and writer. */
		private List<Map<String, Object>> applied(String replica, String mode) {
			List<Map.Entry<String, String>> ops = new ArrayList<>(this.opKeys.entrySet()
				.stream()
				.filter((op) -> op.getValue().startsWith(mode + " ")
						&& (!mode.equals("local") || op.getValue().startsWith(mode + " " + replica + " ")))
				.sorted(Map.Entry.comparingByValue())
				.toList());
			if (mode.equals("reconcile") && replica.equals("r2")) {
				ops.sort(Map.Entry.<String, String>comparingByValue(Comparator.reverseOrder()));
			}
			List<Map<String, Object>> rows = new ArrayList<>();
			for (Map.Entry<String, String> op : ops) {
				String key = op.getValue().substring(op.getValue().lastIndexOf(' ') + 1);
				rows.add(Map.of("position", rows.size() + 1, "key", key, "opId", op.getKey(), "outcome",
						(rows.isEmpty() && mode.equals("total-order")) ? "DUPLICATE" : "APPLIED"));
			}
			return rows;
		}

		private static void send(HttpExchange exchange, int status, Object body) throws IOException {
			byte[] bytes = JSON.writeValueAsBytes(body);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
