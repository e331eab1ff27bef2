package io.replicationlab.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.replicationlab.story.HttpReplies;
import io.replicationlab.story.StoryHttp;
import io.replicationlab.story.StoryService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab controls, served by the supervisor itself on {@code localhost:<lab.port>} with
 * the JDK's HTTP server:
 * <ul>
 * <li>{@code GET /api/lab}: the processes, their pids, ports and states;</li>
 * <li>{@code POST /api/lab/replicas/{id}/kill} (SIGKILL) and {@code POST
 * /api/lab/replicas/{id}/start} (same data);</li>
 * <li>{@code POST /api/lab/replicas/{id}/pause} (SIGSTOP) and {@code POST
 * /api/lab/replicas/{id}/resume} (SIGCONT);</li>
 * <li>{@code PUT /api/lab/replicas/{id}/clock-offset} {@code {"offsetMillis": N}}: skews
 * the replica's accept-time clock (reconcile's last-writer-wins);</li>
 * <li>{@code PUT /api/lab/pitfalls/{name}[?replica=rN]} {@code {"enabled": true|false}}:
 * switches a pitfall on every replica (or one), now and for its next start;</li>
 * <li>{@code GET /api/lab/checks/latest}: the newest check run under
 * {@code lab.check-dir} summed up (204 when there is none), and {@code GET
 * /api/lab/checks/{run}/timeline.html|results.json};</li>
 * <li>{@code POST /api/lab/kafka/stop} (SIGTERM, data kept),
 * {@code POST /api/lab/kafka/kill} (SIGKILL) and {@code POST /api/lab/kafka/start}.</li>
 * </ul>
 * Answers are JSON; refusals are {@code application/problem+json} (404 unknown process or
 * path, 405 wrong method, 409 not possible in the process's state). Every replica of the
 * lab forwards the same paths here (see {@link LabController}). It listens on the
 * loopback interface only: these controls kill processes.
 */
final class LabApi {

	private static final Pattern REPLICA_ACTION = Pattern
		.compile("/api/lab/replicas/([^/]+)/(kill|start|pause|resume)");

	private static final Pattern CLOCK_OFFSET = Pattern.compile("/api/lab/replicas/([^/]+)/clock-offset");

	private static final Pattern PITFALL = Pattern.compile("/api/lab/pitfalls/([^/]+)");

	private static final Pattern REPLICA_QUERY = Pattern.compile("(?:^|&)replica=([^&]*)");

	private static final Pattern CHECK_FILE = Pattern.compile("/api/lab/checks/([^/]+)/([^/]+)");

	private static final Pattern KAFKA_ACTION = Pattern.compile("/api/lab/kafka/(stop|start|kill)");

	private final LabSupervisor supervisor;

	private final int port;

	private final JsonMapper json = JsonMapper.builder().build();

	private final StoryHttp stories;

	private final CheckRuns checks;

	private HttpServer server;

	private ExecutorService executor;

	LabApi(LabSupervisor supervisor, int port) {
		this.supervisor = supervisor;
		this.port = port;
		Map<String, String> replicaUrls = new LinkedHashMap<>();
		supervisor.settings().replicaIds().forEach((id) -> replicaUrls.put(id, supervisor.settings().replicaUrl(id)));
		this.stories = new StoryHttp(new StoryService(replicaUrls, supervisor.settings().supervisorUrl()));
		this.checks = new CheckRuns(supervisor.settings().checkDir());
	}

	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 16);
		this.executor = Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "lab-api");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			try {
				route(exchange, method, path);
			}
			catch (LabRefusal refusal) {
				problem(exchange, refusal.status(), refusal.type(), refusal.title(), refusal.getMessage());
			}
			catch (RuntimeException ex) {
				problem(exchange, 500, "lab-internal", "The lab supervisor failed",
						ex.getMessage() + " (see the supervisor's console)");
			}
		}
	}

	private void route(HttpExchange exchange, String method, String path) throws IOException {
		requireOwnOrigin(method, exchange.getRequestHeaders().getFirst("Origin"));
		if (StoryHttp.handles(path)) {
			this.stories.handle(exchange);
			return;
		}
		if (path.equals("/") || path.isEmpty()) {
			exchange.getResponseHeaders().add("Location", this.supervisor.settings().replicaUrl("r1") + "/");
			exchange.sendResponseHeaders(302, -1);
			return;
		}
		if (path.equals("/api/lab") || path.equals("/api/lab/")) {
			requireMethod(method, "GET");
			answer(exchange, 200, this.supervisor.view());
			return;
		}
		Matcher replica = REPLICA_ACTION.matcher(path);
		if (replica.matches()) {
			requireMethod(method, "POST");
			String id = replica.group(1);
			switch (replica.group(2)) {
				case "kill" -> answer(exchange, 200, this.supervisor.killReplica(id));
				case "pause" -> answer(exchange, 200, this.supervisor.pauseReplica(id));
				case "resume" -> answer(exchange, 200, this.supervisor.resumeReplica(id));
				default -> answer(exchange, 202, this.supervisor.startReplica(id));
			}
			return;
		}
		Matcher clock = CLOCK_OFFSET.matcher(path);
		if (clock.matches()) {
			requireMethod(method, "PUT");
			answer(exchange, 200, this.supervisor.setClockOffset(clock.group(1), offsetMillis(exchange)));
			return;
		}
		if (path.equals("/api/lab/checks/latest")) {
			requireMethod(method, "GET");
			java.util.Optional<CheckRuns.Summary> latest = this.checks.latest();
			if (latest.isPresent()) {
				answer(exchange, 200, latest.get());
			}
			else {
				// no run yet is no error: the dashboard shows no link (a 404 would be a
				// console error in the browser)
				exchange.sendResponseHeaders(204, -1);
			}
			return;
		}
		Matcher checkFile = CHECK_FILE.matcher(path);
		if (checkFile.matches()) {
			requireMethod(method, "GET");
			java.nio.file.Path file = this.checks.file(checkFile.group(1), checkFile.group(2))
				.orElseThrow(() -> new LabRefusal(404, "unknown-check", "Unknown check run", "No " + checkFile.group(2)
						+ " of a check run " + checkFile.group(1) + " in " + this.supervisor.settings().checkDir()));
			boolean html = file.getFileName().toString().endsWith(".html");
			byte[] bytes = java.nio.file.Files.readAllBytes(file);
			if (html) {
				// self-contained (no network); sandboxed so that it cannot act on the
				// lab's origin
				exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox allow-scripts");
			}
			HttpReplies.send(exchange, 200, html ? "text/html; charset=utf-8" : "application/json", bytes);
			return;
		}
		Matcher pitfall = PITFALL.matcher(path);
		if (pitfall.matches()) {
			requireMethod(method, "PUT");
			boolean enabled = enabled(exchange);
			answer(exchange, 200, this.supervisor.setPitfall(pitfall.group(1), enabled, replicaParameter(exchange)));
			return;
		}
		Matcher kafka = KAFKA_ACTION.matcher(path);
		if (kafka.matches()) {
			requireMethod(method, "POST");
			switch (kafka.group(1)) {
				case "stop" -> answer(exchange, 200, this.supervisor.stopKafka());
				case "kill" -> answer(exchange, 200, this.supervisor.killKafka());
				default -> answer(exchange, 202, this.supervisor.startKafka());
			}
			return;
		}
		throw new LabRefusal(404, "lab-unknown-path", "Unknown lab path", "The lab supervisor serves GET /api/lab, "
				+ "POST /api/lab/replicas/{id}/kill|start|pause|resume, PUT /api/lab/replicas/{id}/clock-offset, "
				+ "PUT /api/lab/pitfalls/{name}, GET /api/lab/checks/latest and POST /api/lab/kafka/stop|kill|start; not "
				+ path);
	}

	/** The body {@code {"offsetMillis": N}}, N a whole number of milliseconds. */
	private long offsetMillis(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readNBytes(1024);
		try {
			tools.jackson.databind.JsonNode offset = this.json.readTree(body).get("offsetMillis");
			if (offset != null && offset.isIntegralNumber() && offset.canConvertToLong()) {
				return offset.longValue();
			}
		}
		catch (RuntimeException ex) {
			// not JSON: refused below
		}
		throw new LabRefusal(400, "bad-clock-offset", "Bad clock offset",
				"The body must be {\"offsetMillis\": N}, N a whole number of milliseconds");
	}

	/** The body {@code {"enabled": true|false}}, a JSON boolean. */
	private boolean enabled(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readNBytes(1024);
		try {
			tools.jackson.databind.JsonNode enabled = this.json.readTree(body).get("enabled");
			if (enabled != null && enabled.isBoolean()) {
				return enabled.booleanValue();
			}
		}
		catch (RuntimeException ex) {
			// not JSON: refused below
		}
		throw new LabRefusal(400, "bad-pitfall-switch", "Bad pitfall switch",
				"The body must be {\"enabled\": true} or {\"enabled\": false}");
	}

	/** {@code ?replica=r2}: the one replica to switch; none means every replica. */
	private static String replicaParameter(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		if (query == null) {
			return null;
		}
		Matcher replica = REPLICA_QUERY.matcher(query);
		return replica.find() && !replica.group(1).isEmpty()
				? java.net.URLDecoder.decode(replica.group(1), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

	/**
	 * A browser posts a simple cross-site form without asking CORS first: a control
	 * request that names an {@code Origin} must come from a page of the lab itself (a
	 * replica or the supervisor, on any loopback name).
	 */
	private void requireOwnOrigin(String method, String origin) {
		if (origin == null || method.equals("GET") || method.equals("HEAD")) {
			return;
		}
		LabSettings settings = this.supervisor.settings();
		List<Integer> ports = new ArrayList<>(List.of(settings.port()));
		settings.replicaIds().forEach((id) -> ports.add(settings.replicaPort(id)));
		for (int own : ports) {
			for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
				if (origin.trim().equalsIgnoreCase("http://" + host + ":" + own)) {
					return;
				}
			}
		}
		throw new LabRefusal(403, "foreign-origin", "Foreign origin",
				"A page from " + origin + " may not drive the lab; only the lab's own pages may");
	}

	private static void requireMethod(String method, String expected) {
		if (!method.equals(expected)) {
			throw new LabRefusal(405, "method-not-allowed", "Method not allowed",
					"Use " + expected + " here, not " + method);
		}
	}

	private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
		HttpReplies.json(exchange, status, body);
	}

	private static void problem(HttpExchange exchange, int status, String type, String title, String detail)
			throws IOException {
		if (status == 405) {
			String path = exchange.getRequestURI().getPath();
			exchange.getResponseHeaders()
				.add("Allow", (path.equals("/api/lab") || path.startsWith("/api/lab/checks/")) ? "GET"
						: (path.endsWith("/clock-offset") || path.startsWith("/api/lab/pitfalls/")) ? "PUT" : "POST");
		}
		HttpReplies.problem(exchange, status, type, title, detail, Map.of());
	}

}
