package io.replicationlab.story;

import java.util.List;
import java.util.Map;

/**
 * One sentence per mode, composed only from the report's figures: what the replicas ended
 * with, in which orders they applied the ops, and how long they disagreed. No mode has a
 * canned verdict: the same mode says something else when its figures differ.
 */
final class Conclusion {

	private Conclusion() {
	}

	@SuppressWarnings("unchecked")
	static String of(String mode, Map<String, Object> finalStates, Map<String, Object> order,
			Map<String, Long> divergence, Map<String, Object> cluster) {
		Map<String, ?> replicas = (Map<String, ?>) finalStates.get("replicas");
		List<String> unreachable = (List<String>) finalStates.get("unreachable");
		List<String> differing = (List<String>) finalStates.get("differingKeys");
		int keys = (int) finalStates.get("keys");
		long siblings = (long) finalStates.get("keysWithSiblings");
		int crossingPairs = (int) order.get("pairsWithCrossings");
		List<Map<String, Object>> pairList = (List<Map<String, Object>>) order.get("pairs");
		int pairs = pairList.size();
		long shared = pairList.stream().mapToLong((pair) -> ((Number) pair.get("commonOps")).longValue()).sum();
		long divergedMillis = (divergence != null) ? divergence.getOrDefault("divergedMillis", 0L) : 0L;
		StringBuilder sentence = new StringBuilder(mode).append(": ");
		if (replicas.isEmpty()) {
			return sentence.append("no replica answered at the end, so nothing can be concluded.").toString();
		}
		if (differing.isEmpty()) {
			sentence.append("the ")
				.append(replicas.size())
				.append(" answering replicas ended with equal states of ")
				.append(keys)
				.append(" key(s)");
			if (siblings > 0) {
				sentence.append(", ").append(siblings).append(" of them holding siblings");
			}
		}
		else {
			sentence.append("the replicas ended with different values for ")
				.append(differing.size())
				.append(" of ")
				.append(keys)
				.append(" key(s)");
		}
		if (pairs == 0) {
			sentence.append("; no two replicas could be compared for order");
		}
		else if (shared == 0) {
			sentence.append(", and no two replicas applied any op in common");
		}
		else if (crossingPairs == 0) {
			sentence.append(", every pair of replicas applied the shared ops in the same order");
		}
		else {
			sentence.append(", ")
				.append(crossingPairs)
				.append(" of ")
				.append(pairs)
				.append(" replica pairs applied shared ops in crossing orders");
		}
		if (divergedMillis > 0) {
			sentence.append(", after about ")
				.append(String.format(java.util.Locale.ROOT, "%.1f", divergedMillis / 1000.0))
				.append(" s of visible divergence");
		}
		else {
			sentence.append(", and no sample saw them differ");
		}
		if (!unreachable.isEmpty()) {
			sentence.append(" (").append(String.join(", ", unreachable)).append(" did not answer)");
		}
		Object holds = cluster.get("verifyHolds");
		if (holds != null) {
			sentence.append("; the verifier says its properties ")
				.append(Boolean.TRUE.equals(holds) ? "hold" : "do not all hold");
		}
		return sentence.append('.').toString();
	}

}
