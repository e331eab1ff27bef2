package io.replicationlab.story;

import java.util.List;

import io.replicationlab.lab.LabFixture;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a finished built-in story's report must say, checked against the lab: its final
 * figures are what the replicas, {@code /api/cluster?mode=} and
 * {@code /api/cluster/verify} say now and what the independent checker finds when it
 * judges the run's recorded operations ({@link CheckerAgreement}), only controls the lab
 * may lack are skipped, and the figures show the story's point. Public for the browser
 * test that runs the stories from the dashboard.
 */
public final class StoryChecks {

	private StoryChecks() {
	}

	/** The built-in stories' names. */
	public static List<String> builtIn() {
		return StoryService.BUILT_IN;
	}

	/**
	 * Every check on a finished run's report ({@code report.json}) of the built-in story
	 * {@code name}.
	 */
	public static void check(LabFixture lab, String name, JsonNode report) throws Exception {
		JsonNode modes = report.path("modes");
		assertThat(modes.propertyNames()).containsExactly("local", "total-order", "reconcile");
		CheckerAgreement.check(lab, name, report);
		for (String mode : modes.propertyNames()) {
			JsonNode column = modes.path(mode);
			agreesWithTheCluster(lab, name, mode, column, report.path("keyPrefix").asString());
			assertThat(column.path("conclusion").asString()).as("%s %s", name, mode).startsWith(mode + ": ");
		}
		for (JsonNode step : report.path("steps")) {
			if (!step.path("status").asString().equals("done")) {
				// only the controls a lab may lack (pause, clock offset) may be skipped,
				// and said so
				assertThat(step.path("status").asString()).as("%s: %s", name, step).isEqualTo("unsupported");
				assertThat(step.path("action").asString()).isIn("pause", "resume", "clock-skew");
				assertThat(step.path("detail").asString()).contains("this lab lacks");
				assertThat(report.path("complete").asBoolean()).isFalse();
			}
		}
		thesis(name, report);
	}

	/** What the story shows, checked on its figures. */
	private static void thesis(String name, JsonNode report) {
		JsonNode modes = report.path("modes");
		switch (name) {
			case "same-writes-three-modes" -> {
				assertThat(modes.path("local").path("finalStates").path("equal").asBoolean()).isFalse();
				assertThat(modes.path("total-order").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(modes.path("total-order").path("orderAgreement").path("pairsWithCrossings").asInt())
					.isZero();
				assertThat(modes.path("reconcile").path("finalStates").path("equal").asBoolean()).isTrue();
			}
			case "broker-outage" -> {
				JsonNode duringOutage = modes.path("total-order").path("writes").path("byFault").path("broker stopped");
				assertThat(duringOutage.path("accepted202").asInt()).as(report.toString()).isEqualTo(3);
				for (String mode : List.of("local", "reconcile")) {
					assertThat(modes.path(mode)
						.path("writes")
						.path("byFault")
						.path("broker stopped")
						.path("refused")
						.asInt()).as(mode).isZero();
				}
				assertThat(modes.path("total-order").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(
						modes.path("total-order").path("orderAgreement").path("pairs").get(0).path("commonOps").asInt())
					.isEqualTo(3);
			}
			case "crash-after-ack" -> {
				JsonNode read = report.path("steps").get(3).path("result");
				for (String mode : List.of("local", "total-order", "reconcile")) {
					assertThat(read.path(mode).toString()).as(mode).isEqualTo("[\"100\"]");
				}
			}
			case "crash-after-ack-pitfall" -> {
				// the pitfall holds commits ten seconds: a kill right after the answer
				// loses r2's local write every time (total-order and reconcile get it
				// back from the log and the peers)
				JsonNode read = report.path("steps").get(4).path("result");
				assertThat(read.path("local").asString()).as("%s", read).isEqualTo("absent");
				assertThat(modes.path("local").path("writes").path("acknowledgedLost").asInt()).isEqualTo(1);
			}
			case "lost-answer-retried-elsewhere" -> {
				assertThat(modes.path("total-order").path("orderAgreement").path("appliedOps").path("r3").asInt())
					.isEqualTo(1);
				assertThat(modes.path("local").path("orderAgreement").path("appliedOps").path("r1").asInt())
					.isEqualTo(1);
				assertThat(modes.path("local").path("orderAgreement").path("appliedOps").path("r2").asInt())
					.isEqualTo(1);
			}
			case "partition-and-heal" -> {
				assertThat(modes.path("reconcile").path("finalStates").path("equal").asBoolean()).isTrue();
				assertThat(
						modes.path("reconcile").path("writes").path("byFault").path("partition").path("ok200").asInt())
					.isEqualTo(3);
			}
			default -> {
			}
		}
	}

	/**
	 * The report's final figures are what the replicas, the cluster view and the verifier
	 * say now.
	 */
	private static void agreesWithTheCluster(LabFixture lab, String name, String mode, JsonNode column, String prefix)
			throws Exception {
		JsonNode view = lab.http("r1").get("/api/cluster?mode=" + mode).json();
		JsonNode verify = lab.http("r1").get("/api/cluster/verify?mode=" + mode).json();
		assertThat(column.path("cluster").path("diverged").asBoolean()).as("%s %s diverged", name, mode)
			.isEqualTo(view.path("diverged").asBoolean());
		assertThat(column.path("cluster").path("verifyHolds").asBoolean()).as("%s %s verify", name, mode)
			.isEqualTo(verify.path("holds").asBoolean());
		JsonNode replicas = column.path("finalStates").path("replicas");
		assertThat(replicas.propertyNames()).as("%s %s", name, mode)
			.containsExactlyInAnyOrderElementsOf(lab.replicaIds());
		boolean equal = true;
		JsonNode first = null;
		for (String id : lab.replicaIds()) {
			JsonNode state = replicas.path(id);
			for (String key : state.propertyNames()) {
				JsonNode read = lab.http(id).get("/api/" + mode + "/kv/" + prefix + key).json();
				assertThat(read.path("values")).as("%s %s %s %s", name, mode, id, key).isEqualTo(state.path(key));
			}
			equal &= (first == null) || first.equals(state);
			first = state;
		}
		assertThat(column.path("finalStates").path("equal").asBoolean()).isEqualTo(equal);
	}

}
