package io.replicationlab.story;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Runs a story from the command line against a running lab, for CI: prints each step's
 * narration as it plays, writes the report as {@code <out>/<story>-<run>.json} and
 * {@code .html}, and exits 0 when the run finished with every step done, 1 when it failed
 * or skipped steps, 2 when the story was refused (the problem is printed). <pre>
 * java -cp target/classes:... io.replicationlab.story.StoryMain --url=http://localhost:8081 --story=partition-and-heal
 * ./mvnw -Pstory verify -Dstory.args="--story=same-writes-three-modes"
 * </pre> {@code --file=my-story.json} posts a story of your own; {@code --url} is any
 * replica of the lab or the lab supervisor; {@code --out} defaults to
 * {@code target/stories}.
 */
public final class StoryMain {

	private StoryMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new java.util.HashMap<>(
				Map.of("url", "http://localhost:8081", "out", "target/stories"));
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				System.err
					.println("usage: --url=http://localhost:8081 (--story=<name> | --file=<story.json>) [--out=dir]");
				System.exit(2);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		System.exit(run(options));
	}

	static int run(Map<String, String> options) throws Exception {
		LabCalls calls = new LabCalls(Map.of(), options.get("url"));
		String body = null;
		String name = options.get("story");
		if (options.containsKey("file")) {
			body = Files.readString(Path.of(options.get("file")));
			name = LabCalls.JSON.readTree(body).path("name").asString("custom");
		}
		if (name == null) {
			System.err.println("give --story=<name> or --file=<story.json>; the lab has:\n"
					+ calls.lab("GET", "/api/lab/stories", null).body());
			return 2;
		}
		LabCalls.Answer started = calls.lab("POST", "/api/lab/stories/" + name + "/runs", (body != null) ? body : "");
		if (started.status() != 202) {
			System.err.println("refused (" + started.status() + "): " + started.body());
			return 2;
		}
		String id = started.json().path("id").asString();
		int shown = -1;
		JsonNode run;
		while (true) {
			run = calls.lab("GET", "/api/lab/stories/runs/" + id, null).json();
			for (JsonNode step : run.path("steps")) {
				int index = step.path("index").asInt();
				String status = step.path("status").asString("");
				if (index > shown && !status.equals("pending") && !status.equals("running")) {
					System.out.println(
							"[" + index + "] " + step.path("name").asString() + ": " + step.path("narration").asString()
									+ "\n    " + status + ": " + step.path("detail").asString());
					shown = index;
				}
			}
			if (!run.path("status").asString().equals("running")) {
				break;
			}
			Thread.sleep(500);
		}
		if (!run.path("status").asString().equals("finished")) {
			System.err.println("run " + id + " " + run.path("status").asString() + ": " + run.path("error").asString());
			return 1;
		}
		Path out = Path.of(options.get("out"));
		Files.createDirectories(out);
		Path json = out.resolve(name + "-" + id + ".json");
		Files.writeString(json, calls.lab("GET", "/api/lab/stories/runs/" + id + "/report.json", null).body(),
				StandardCharsets.UTF_8);
		Files.writeString(out.resolve(name + "-" + id + ".html"),
				calls.lab("GET", "/api/lab/stories/runs/" + id + "/report.html", null).body(), StandardCharsets.UTF_8);
		for (JsonNode column : run.path("report").path("modes")) {
			System.out.println(column.path("conclusion").asString());
		}
		System.out.println("report: " + json.toAbsolutePath() + " (and .html)");
		return run.path("report").path("complete").asBoolean() ? 0 : 1;
	}

}
