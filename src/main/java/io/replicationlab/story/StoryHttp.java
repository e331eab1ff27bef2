package io.replicationlab.story;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * {@code /api/lab/stories/**} on the lab supervisor's HTTP server (replicas of the lab
 * forward the same paths here):
 * <ul>
 * <li>{@code GET /api/lab/stories}: the built-in stories and the run playing, if
 * any;</li>
 * <li>{@code GET /api/lab/stories/{name}}: a story's JSON;</li>
 * <li>{@code POST /api/lab/stories/{name}/runs}: runs it (or, with a body, the story
 * posted, whose name must be {@code name}): 202 with the run;</li>
 * <li>{@code GET /api/lab/stories/runs/{id}}: the run's progress, then its report;</li>
 * <li>{@code GET /api/lab/stories/runs/{id}/report.json} and {@code .../report.html}: the
 * report to download.</li>
 * </ul>
 */
public final class StoryHttp {

	private static final Pattern STORY = Pattern.compile("/api/lab/stories/([^/]+)");

	private static final Pattern RUNS = Pattern.compile("/api/lab/stories/([^/]+)/runs");

	private static final Pattern RUN = Pattern.compile("/api/lab/stories/runs/([^/]+)(/report\\.(json|html))?");

	private final StoryService stories;

	public StoryHttp(StoryService stories) {
		this.stories = stories;
	}

	public static boolean handles(String path) {
		return path.equals("/api/lab/stories") || path.startsWith("/api/lab/stories/");
	}

	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		try {
			route(exchange, method, path);
		}
		catch (MethodNotAllowed ex) {
			HttpReplies.problem(exchange, 405, "method-not-allowed", "Method not allowed", ex.getMessage(), Map.of());
		}
		catch (StoryRefusal refusal) {
			// RFC 9457 extension members that say where the story is wrong
			// (each one written: null when the refusal does not say)
			Map<String, Object> extra = new LinkedHashMap<>();
			extra.put("step", refusal.step());
			extra.put("stepName", refusal.stepName());
			extra.put("field", refusal.field());
			extra.put("pointer", refusal.pointer());
			HttpReplies.problem(exchange, 400, "bad-story", "Bad story", refusal.getMessage(), extra);
		}
	}

	private void route(HttpExchange exchange, String method, String path) throws IOException {
		if (path.equals("/api/lab/stories") || path.equals("/api/lab/stories/")) {
			requireMethod(exchange, method, "GET");
			StoryRun current = this.stories.current();
			HttpReplies.json(exchange, 200,
					new Listing(this.stories.list(), (current != null) ? current.id() : null, "/story.schema.json"));
			return;
		}
		Matcher run = RUN.matcher(path);
		if (run.matches()) {
			requireMethod(exchange, method, "GET");
			Optional<StoryRun> found = this.stories.run(run.group(1));
			if (found.isEmpty()) {
				HttpReplies.problem(exchange, 404, "unknown-run", "Unknown run",
						"No story run " + run.group(1) + " in this lab", Map.of());
				return;
			}
			if (run.group(2) == null) {
				HttpReplies.json(exchange, 200, found.get().view());
				return;
			}
			Report report = found.get().report();
			if (report == null) {
				HttpReplies.problem(exchange, 409, "run-not-finished", "Run not finished",
						"Run " + run.group(1) + " is " + found.get().status() + ": its report comes at its end",
						Map.of());
				return;
			}
			if (run.group(3).equals("json")) {
				exchange.getResponseHeaders()
					.set("Content-Disposition", "attachment; filename=\"story-" + run.group(1) + ".json\"");
				HttpReplies.json(exchange, 200, report);
			}
			else {
				HttpReplies.send(exchange, 200, "text/html; charset=utf-8",
						ReportPage.of(report).getBytes(StandardCharsets.UTF_8));
			}
			return;
		}
		Matcher runs = RUNS.matcher(path);
		if (runs.matches()) {
			requireMethod(exchange, method, "POST");
			String name = runs.group(1);
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Story story;
			if (!body.isBlank()) {
				story = this.stories.parse(body);
				if (!story.name().equals(name)) {
					throw new StoryRefusal(null, null, "name", "the posted story is named '" + story.name()
							+ "', but was posted to /api/lab/stories/" + name + "/runs");
				}
			}
			else {
				Optional<Story> builtIn = this.stories.story(name);
				if (builtIn.isEmpty()) {
					HttpReplies.problem(exchange, 404, "unknown-story", "Unknown story",
							"No story '" + name
									+ "'; GET /api/lab/stories lists them, or post your own story as the body",
							Map.of());
					return;
				}
				story = builtIn.get();
			}
			Optional<StoryRun> started = this.stories.start(story);
			if (started.isEmpty()) {
				HttpReplies.problem(exchange, 409, "story-running", "Another story is running",
						"Run " + this.stories.current().id() + " is still playing; stories run one at a time",
						Map.of());
				return;
			}
			exchange.getResponseHeaders().set("Location", "/api/lab/stories/runs/" + started.get().id());
			HttpReplies.json(exchange, 202, started.get().view());
			return;
		}
		Matcher story = STORY.matcher(path);
		if (story.matches() && this.stories.story(story.group(1)).isPresent()) {
			requireMethod(exchange, method, "GET");
			HttpReplies.send(exchange, 200, "application/json",
					StoryService.builtIn(story.group(1)).getBytes(StandardCharsets.UTF_8));
			return;
		}
		HttpReplies.problem(exchange, 404, "unknown-story", "Unknown story", "No story or run at " + path, Map.of());
	}

	private static void requireMethod(HttpExchange exchange, String method, String expected) {
		if (!method.equals(expected)) {
			exchange.getResponseHeaders().set("Allow", expected);
			throw new MethodNotAllowed(expected, method);
		}
	}

	/** A wrong method, answered 405 by {@link #handle}'s caller as any problem. */
	static final class MethodNotAllowed extends StoryRefusal {

		MethodNotAllowed(String expected, String method) {
			super(null, null, "method", "use " + expected + " here, not " + method);
		}

	}

	/**
	 * What {@code GET /api/lab/stories} answers.
	 *
	 * @param current the id of the run playing or played last, {@code null} before the
	 * first
	 * @param schema where the stories' JSON schema is served
	 */
	record Listing(List<StoryService.Listed> stories, String current, String schema) {
	}

}
