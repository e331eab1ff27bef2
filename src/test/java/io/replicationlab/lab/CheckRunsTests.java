package io.replicationlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which check run the lab calls the latest, what it says of it, and which files of it it
 * hands out.
 */
class CheckRunsTests {

	@TempDir
	Path dir;

	@Test
	void noCheckDirectoryOrNoFinishedRunIsNoLatest() throws Exception {
		assertThat(new CheckRuns(this.dir.resolve("absent")).latest()).isEmpty();
		Files.createDirectories(this.dir.resolve("20261202-000000"));
		assertThat(new CheckRuns(this.dir).latest()).as("a run without results.json has not finished").isEmpty();
	}

	@Test
	void theLatestIsTheRunWhoseResultsWereWrittenLast() throws Exception {
		run("older", "{\"valid\": \"true\", \"seed\": 1}", 1_000);
		run("newer",
				"""
						{"valid": "false", "seed": 7, "replay": "./mvnw -Pcheck verify -Dcheck.args=\\"--seed=7\\"",
						 "modes": {"total-order": {"valid": "false", "anomalies": {"duplicate": {"count": 2}, "lost": {"count": 0}}},
						           "local": {"valid": "true", "anomalies": {"lost": {"count": 0}}}},
						 "faults": [{"kind": "kill"}], "operations": {"all": {"total": 1234}}}""",
				2_000);
		Files.writeString(this.dir.resolve("newer").resolve("timeline.html"), "<html></html>");

		CheckRuns.Summary latest = new CheckRuns(this.dir).latest().orElseThrow();

		assertThat(latest.run()).isEqualTo("newer");
		assertThat(latest.valid()).isEqualTo("false");
		assertThat(latest.seed()).isEqualTo(7L);
		assertThat(latest.counts()).isEqualTo(new CheckRuns.Counts(1234, 1, Map.of("total-order duplicate", 2)));
		assertThat(latest.modes()).isEqualTo(Map.of("total-order", "false", "local", "true"));
		assertThat(latest.links()).isEqualTo(
				new CheckRuns.Links("/api/lab/checks/newer/timeline.html", "/api/lab/checks/newer/results.json"));
		assertThat(latest.replay()).contains("--seed=7");
	}

	@Test
	void theSummaryIsTheJsonTheDashboardReadsKeyForKeyAndInOrder() throws Exception {
		run("partial", "{\"valid\": \"true\", \"modes\": {\"reconcile\": {}}}", 1_000);

		String json = JsonMapper.builder().build().writeValueAsString(new CheckRuns(this.dir).latest().orElseThrow());

		assertThat(json.replaceAll("\"finishedAt\":\"[^\"]+\"", "\"finishedAt\":\"~\"")).isEqualTo("""
				{"run":"partial","valid":"true","seed":null,"startedAt":null,"finishedAt":"~",\
				"counts":{"operations":0,"faults":0,"anomalies":{}},"modes":{"reconcile":"unknown"},"replay":null,\
				"links":{"results":"/api/lab/checks/partial/results.json"}}""");
	}

	@Test
	void onlyTheTimelineAndTheResultsOfAPlainlyNamedRunAreHandedOut() throws Exception {
		run("r", "{}", 1_000);
		Files.writeString(this.dir.resolve("r").resolve("history.jsonl"), "{}");
		CheckRuns runs = new CheckRuns(this.dir.resolve("sub").getParent());
		assertThat(runs.file("r", "results.json")).isPresent();
		assertThat(runs.file("r", "timeline.html")).as("not written").isEmpty();
		assertThat(runs.file("r", "history.jsonl")).isEmpty();
		assertThat(runs.file("..", "results.json")).isEmpty();
		assertThat(runs.file("../r", "results.json")).isEmpty();
		assertThat(runs.file("r", "../r/results.json")).isEmpty();
	}

	private void run(String name, String results, long modifiedMillis) throws Exception {
		Path run = Files.createDirectories(this.dir.resolve(name));
		Files.writeString(run.resolve("results.json"), results);
		Files.setLastModifiedTime(run.resolve("results.json"), FileTime.fromMillis(modifiedMillis));
	}

}
