package io.replicationlab.story;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.replicationlab.lab.LabFixture.get;
import static io.replicationlab.lab.LabFixture.json;
import static io.replicationlab.lab.LabFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every built-in story, run through a replica of the real lab (its own processes: broker and three replica JVMs), and
 * its report checked against what the replicas, {@code /api/cluster?mode=} and {@code /api/cluster/verify} say
 * afterwards; and a bad story refused with a 400 naming the step and field.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
class StoriesLabTests {

	static LabFixture lab;

	@BeforeAll
	static void lab(LabFixture shared) {
		lab = shared;
	}

	@Test
	void aBadStoryIsRefusedNamingTheStepAndField() throws Exception {
		String bad = """
				{"name": "mine", "steps": [
				  {"name": "fine", "action": "heal", "narration": "heal"},
				  {"name": "cut", "action": "partition", "narration": "cut", "groups": [["r1"], ["r7"]]}]}""";
		HttpResponse<String> answer = send("POST", lab.url("r1") + "/api/lab/stories/mine/runs", bad);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json(answer);
		assertThat(problem.path("step").asInt()).isEqualTo(1);
		assertThat(problem.path("stepName").asString()).isEqualTo("cut");
		assertThat(problem.path("field").asString()).isEqualTo("groups[1][0]");
		assertThat(problem.path("detail").asString()).contains("r7");
		assertThat(send("POST", lab.url("r1") + "/api/lab/stories/no-such-story/runs", null).statusCode()).isEqualTo(404);
	}

	/** A story that switches a pitfall on and never off (forgot, or failed half-way) leaves the lab without it. */
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
		for (String id : lab.replicaIds()) {
			assertThat(json(get(lab.url(id) + "/actuator/health/pitfalls")).path("details").path("on").toString())
				.as(id).isEqualTo("[]");
		}
	}

	@Test
	void everyBuiltInStoryRunsAndItsReportAgreesWithTheCluster() throws Exception {
		JsonNode listed = json(get(lab.url("r2") + "/api/lab/stories"));
		assertThat(listed.path("stories")).hasSize(StoryService.BUILT_IN.size());
		for (String name : StoryService.BUILT_IN) {
			JsonNode report = run(name);
			JsonNode modes = report.path("modes");
			assertThat(modes.propertyNames()).containsExactly("local", "total-order", "reconcile");
			for (String mode : modes.propertyNames()) {
				JsonNode column = modes.path(mode);
				agreesWithTheCluster(name, mode, column, report.path("keyPrefix").asString());
				assertThat(column.path("conclusion").asString()).as("%s %s", name, mode).startsWith(mode + ": ");
			}
			for (JsonNode step : report.path("steps")) {
				if (!step.path("status").asString().equals("done")) {
					// only the controls a lab may lack (pause, clock offset) may be skipped, and said so
					assertThat(step.path("status").asString()).as("%s: %s", name, step).isEqualTo("unsupported");
					assertThat(step.path("action").asString()).isIn("pause", "resume", "clock-skew");
					assertThat(step.path("detail").asString()).contains("this lab lacks");
					assertThat(report.path("complete").asBoolean()).isFalse();
				}
			}
			thesis(name, report);
		}
	}

	/** What the story shows, checked on its figures. */
	private static void thesis(String name, JsonNode report) {
		JsonNode modes = report.path("modes");
		switch (name) {
			case "same-writes-three-modes" -> {
				assertThat(modes.path("local").path("finalStates").path("equal").asBoolean()).isFalse();
				assertThat(modes.path("total-order").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(modes.path("total-order").path("orderAgreement").path("pairsWithCrossings").asInt()).isZero();
				assertThat(modes.path("reconcile").path("finalStates").path("equal").asBoolean()).isTrue();
			}
			case "broker-outage" -> {
				JsonNode duringOutage = modes.path("total-order").path("writes").path("byFault").path("broker stopped");
				assertThat(duringOutage.path("accepted202").asInt()).as(report.toString()).isEqualTo(3);
				for (String mode : List.of("local", "reconcile")) {
					assertThat(modes.path(mode).path("writes").path("byFault").path("broker stopped").path("refused").asInt())
						.as(mode).isZero();
				}
				assertThat(modes.path("total-order").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(modes.path("total-order").path("orderAgreement").path("pairs").get(0).path("commonOps").asInt())
					.isEqualTo(3);
			}
			case "crash-after-ack" -> {
				JsonNode read = report.path("steps").get(3).path("result");
				for (String mode : List.of("local", "total-order", "reconcile")) {
					assertThat(read.path(mode).toString()).as(mode).isEqualTo("[\"100\"]");
				}
			}
			case "lost-answer-retried-elsewhere" -> {
				assertThat(modes.path("total-order").path("orderAgreement").path("appliedOps").path("r3").asInt())
					.isEqualTo(1);
				assertThat(modes.path("local").path("orderAgreement").path("appliedOps").path("r1").asInt()).isEqualTo(1);
				assertThat(modes.path("local").path("orderAgreement").path("appliedOps").path("r2").asInt()).isEqualTo(1);
			}
			case "partition-and-heal" -> {
				assertThat(modes.path("reconcile").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(modes.path("reconcile").path("writes").path("byFault").path("partition").path("ok200").asInt())
					.isEqualTo(3);
			}
			default -> {
			}
		}
	}

	/** The report's final figures are what the replicas, the cluster view and the verifier say now. */
	private static void agreesWithTheCluster(String name, String mode, JsonNode column, String prefix)
			throws Exception {
		JsonNode view = json(get(lab.url("r1") + "/api/cluster?mode=" + mode));
		JsonNode verify = json(get(lab.url("r1") + "/api/cluster/verify?mode=" + mode));
		assertThat(column.path("cluster").path("diverged").asBoolean()).as("%s %s diverged", name, mode)
			.isEqualTo(view.path("diverged").asBoolean());
		assertThat(column.path("cluster").path("verifyHolds").asBoolean()).as("%s %s verify", name, mode)
			.isEqualTo(verify.path("holds").asBoolean());
		JsonNode replicas = column.path("finalStates").path("replicas");
		assertThat(replicas.propertyNames()).as("%s %s", name, mode).containsExactlyInAnyOrderElementsOf(lab.replicaIds());
		boolean equal = true;
		JsonNode first = null;
		for (String id : lab.replicaIds()) {
			JsonNode state = replicas.path(id);
			for (String key : state.propertyNames()) {
				JsonNode read = json(get(lab.url(id) + "/api/" + mode + "/kv/" + prefix + key));
				assertThat(read.path("values")).as("%s %s %s %s", name, mode, id, key).isEqualTo(state.path(key));
			}
			equal &= (first == null) || first.equals(state);
			first = state;
		}
		assertThat(column.path("finalStates").path("equal").asBoolean()).isEqualTo(equal);
	}

	private static JsonNode run(String name) throws Exception {
		return run(name, null);
	}

	private static JsonNode run(String name, String story) throws Exception {
		HttpResponse<String> started = send("POST", lab.url("r1") + "/api/lab/stories/" + name + "/runs", story);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String id = json(started).path("id").asString();
		JsonNode[] finished = new JsonNode[1];
		await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500)).until(() -> {
			finished[0] = json(get(lab.url("r3") + "/api/lab/stories/runs/" + id));
			return !finished[0].path("status").asString().equals("running");
		});
		assertThat(finished[0].path("status").asString()).as(finished[0].toString()).isEqualTo("finished");
		HttpResponse<String> html = get(lab.url("r2") + "/api/lab/stories/runs/" + id + "/report.html");
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body()).contains("<table id=\"story-report\"").doesNotContain("<script");
		JsonNode report = json(get(lab.url("r2") + "/api/lab/stories/runs/" + id + "/report.json"));
		assertThat(report).isEqualTo(finished[0].path("report"));
		System.out.println("[story] " + name + ": " + report.path("millis").asLong() + " ms; "
				+ report.path("modes").path("local").path("conclusion").asString() + " | "
				+ report.path("modes").path("total-order").path("conclusion").asString() + " | "
				+ report.path("modes").path("reconcile").path("conclusion").asString());
		return report;
	}

}
