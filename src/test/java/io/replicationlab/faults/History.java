package io.replicationlab.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.replicationlab.testing.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What a replica recorded, read page by page through its public API. */
final class History {

	private History() {
	}

	/**
	 * The op ids of the replica's WAL rows of {@code mode} (all modes when null), in
	 * local order.
	 */
	static List<String> wal(String url, String mode) throws Exception {
		return Http.to(url).wal(mode).stream().map((row) -> row.get("opId").asString()).toList();
	}

	/**
	 * The op ids the replica applied in {@code mode} with outcome {@code APPLIED}, in
	 * apply order.
	 */
	static List<String> applied(String url, String mode) throws Exception {
		return Http.to(url)
			.appliedLog(mode, 0)
			.stream()
			.filter((row) -> row.get("outcome").asString().equals("APPLIED"))
			.map((row) -> row.get("opId").asString())
			.toList();
	}

	/** How many of the ops occur more than once in the list. */
	static int duplicated(List<String> ops) {
		Map<String, Integer> counts = new HashMap<>();
		ops.forEach((op) -> counts.merge(op, 1, Integer::sum));
		return (int) counts.values().stream().filter((count) -> count > 1).count();
	}

	/** {@code /api/cluster/verify} asked of {@code url}. */
	static JsonNode verify(String url, String mode, int quiesceSeconds) throws Exception {
		return Http.to(url).get("/api/cluster/verify?mode=" + mode + "&quiesce=" + quiesceSeconds).json();
	}

	/**
	 * Asserts that the verification judged exactly these replicas: each one's history
	 * read, none unreachable.
	 */
	static void assertJudged(JsonNode verification, List<String> replicas) {
		assertThat(verification.get("unreachable").values()).as("replicas the verifier could not read: " + verification)
			.isEmpty();
		assertThat(verification.get("replicas").values()).extracting(JsonNode::asString)
			.as("replicas the verifier judged: " + verification)
			.containsExactlyInAnyOrderElementsOf(replicas);
	}

	/** The verdict of one property in a verification. */
	static boolean holds(JsonNode verification, String property) {
		for (JsonNode check : verification.get("properties").values()) {
			if (check.get("property").asString().equals(property)) {
				return check.get("holds").asBoolean();
			}
		}
		throw new AssertionError("no property " + property + " in " + verification);
	}

}
