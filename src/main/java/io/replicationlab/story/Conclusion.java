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

	static String of(String mode, Report.FinalStates finalStates, Report.OrderAgreement order,
			Report.Divergence divergence, Report.Cluster cluster) {
		Map<String, ?> replicas = finalStates.replicas();
		List<String> unreachable = finalStates.unreachable();
		List<String> differing = finalStates.differingKeys();
		int keys = finalStates.keys();
		long siblings = finalStates.keysWithSiblings();
		int crossingPairs = order.pairsWithCrossings();
		int pairs = order.pairs().size();
		long shared = order.pairs().stream().mapToLong(Report.OrderAgreement.Pair::commonOps).sum();
		long divergedMillis = (divergence != null) ? divergence.divergedMillis() : 0L;
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
		Boolean holds = cluster.verifyHolds();
		if (holds != null) {
			sentence.append("; the verifier says its properties ")
				.append(Boolean.TRUE.equals(holds) ? "hold" : "do not all hold");
		}
		return sentence.append('.').toString();
	}

}
