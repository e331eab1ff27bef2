package io.replicationlab.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/cluster?mode=}: every replica's summary side by side and whether (and
 * how) they diverge.
 *
 * @param observedBy the replica that gathered the view
 * @param unreachable the replicas that did not answer (they are left out of the
 * comparison)
 * @param diverged whether the reachable replicas' states disagree (a replica merely
 * behind in total-order does not)
 */
record ClusterView(String mode, String observedBy, Instant observedAt, List<ReplicaSummary> replicas,
		List<String> unreachable, boolean diverged, Divergence divergence) {

	/**
	 * How the reachable replicas differ.
	 *
	 * @param summary one sentence
	 * @param groups replicas grouped by equal state (local: digest; reconcile: version
	 * vector and digest; total-order: digest among replicas with equally long applied
	 * sequences)
	 * @param differingKeyCount how many keys do not have the same values everywhere
	 * @param differingKeys up to 50 of them, each with every replica's values
	 * @param appliedPrefix total-order: the longest common prefix of the applied
	 * sequences and where they first differ
	 * @param behind total-order: replica -> how many applied ops it lacks compared with
	 * the longest sequence
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Divergence(String summary, List<List<String>> groups, Integer differingKeyCount,
			SortedMap<String, Map<String, List<String>>> differingKeys, TotalOrderChecks.Prefix appliedPrefix,
			Map<String, Integer> behind) {
	}

}
