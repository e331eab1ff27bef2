package io.replicationlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

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

		Map<String, Object> latest = new CheckRuns(this.dir).latest().orElseThrow();

		assertThat(latest).containsEntry("run", "newer").containsEntry("valid", "false").containsEntry("seed", 7L);
		assertThat(latest.get("counts"))
			.isEqualTo(Map.of("operations", 1234, "faults", 1, "anomalies", Map.of("total-order duplicate", 2)));
		assertThat(latest.get("modes")).isEqualTo(Map.of("total-order", "false", "local", "true"));
		assertThat(latest.get("links")).isEqualTo(Map.of("timeline", "/api/lab/checks/newer/timeline.html", "results",
				"/api/lab/checks/newer/results.json"));
		assertThat((String) latest.get("replay")).contains("--seed=7");
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
