package io.replicationlab.story;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every built-in story, run through a replica of the real lab (its own processes: broker
 * and three replica JVMs), and its report checked against what the replicas,
 * {@code /api/cluster?mode=} and {@code /api/cluster/verify} say afterwards
 * ({@link StoryChecks}; from the dashboard in {@code StoriesBrowserTests} where Chromium
 * is installed); and a bad story refused with a 400 naming the step and field.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoriesLabTests {

	private final LabFixture lab;

	StoriesLabTests(LabFixture lab) {
		this.lab = lab;
	}

	@Test
	void aBadStoryIsRefusedNamingTheStepAndField() throws Exception {
		String bad = """
				{"name": "mine", "steps": [
				  {"name": "fine", "action": "heal", "narration": "heal"},
				  {"name": "cut", "action": "partition", "narration": "cut", "groups": [["r1"], ["r7"]]}]}""";
		Http.Response answer = this.lab.http("r1").sendJson("POST", "/api/lab/stories/mine/runs", bad);
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = answer.json();
		assertThat(problem.path("step").asInt()).isEqualTo(1);
		assertThat(problem.path("stepName").asString()).isEqualTo("cut");
		assertThat(problem.path("field").asString()).isEqualTo("groups[1][0]");
		assertThat(problem.path("detail").asString()).contains("r7");
		assertThat(this.lab.http("r1").sendJson("POST", "/api/lab/stories/no-such-story/runs", null).status())
			.isEqualTo(404);
	}

	/**
	 * A story that switches a pitfall on and never off (forgot, or failed half-way)
	 * leaves the lab without it.
	 */
	@Test
	void aStoryLeavesNoPitfallOnWhenItEnds() throws Exception {
		String story = """
				{"name": "forgetful", "modes": ["reconcile"], "steps": [
				  {"name": "break", "action": "pitfall", "pitfall": "ignore-context", "enabled": true,
				   "narration": "ignore the clients' contexts"},
				  {"name": "write", "action": "write", "narration": "one write",
				   "writes": [{"replica": "r1", "key": "k", "value": "v"}]}]}""";
		JsonNode report = run("forgetful", story);
		assertThat(report.path("steps").get(0).path("status").asString()).as(report.toString()).isEqualTo("done");
		for (String id : this.lab.replicaIds()) {
			assertThat(this.lab.http(id).get("/actuator/health/pitfalls").json().path("details").path("on").toString())
				.as(id)
				.isEqualTo("[]");
		}
	}

	/**
	 * Where Chromium is installed, {@code StoriesBrowserTests} runs every built-in story
	 * from the dashboard's Stories panel with these same checks; here they run through
	 * the API instead, so that no build goes without them.
	 */
	@Test
	void everyBuiltInStoryRunsAndItsReportAgreesWithTheCluster() throws Exception {
		assumeFalse(
				Files.isExecutable(Path.of("/usr/bin/chromium"))
						&& Files.isExecutable(Path.of("/usr/bin/chromedriver")),
				"Chromium is installed: StoriesBrowserTests runs every built-in story from the dashboard");
		JsonNode listed = this.lab.http("r2").get("/api/lab/stories").json();
		assertThat(listed.path("stories")).hasSize(StoryService.BUILT_IN.size());
		for (String name : StoryService.BUILT_IN) {
			StoryChecks.check(this.lab, name, run(name));
		}
	}

	private JsonNode run(String name) throws Exception {
		return run(name, null);
	}

	private JsonNode run(String name, String story) throws Exception {
		Http.Response started = this.lab.http("r1").sendJson("POST", "/api/lab/stories/" + name + "/runs", story);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().path("id").asString();
		JsonNode[] finished = new JsonNode[1];
		await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500)).until(() -> {
			finished[0] = this.lab.http("r3").get("/api/lab/stories/runs/" + id).json();
			return !finished[0].path("status").asString().equals("running");
		});
		assertThat(finished[0].path("status").asString()).as(finished[0].toString()).isEqualTo("finished");
		Http.Response html = this.lab.http("r2").get("/api/lab/stories/runs/" + id + "/report.html");
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.body()).contains("<table id=\"story-report\"").doesNotContain("<script");
		JsonNode report = this.lab.http("r2").get("/api/lab/stories/runs/" + id + "/report.json").json();
		assertThat(report).isEqualTo(finished[0].path("report"));
		System.out.println("[story] " + name + ": " + report.path("millis").asLong() + " ms; "
				+ report.path("modes").path("local").path("conclusion").asString() + " | "
				+ report.path("modes").path("total-order").path("conclusion").asString() + " | "
				+ report.path("modes").path("reconcile").path("conclusion").asString());
		return report;
	}

}
