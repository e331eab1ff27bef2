package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

import io.replicationlab.replica.Mode;

/** How the reachable replicas' states differ, for the cluster view. Pure. */
final class Divergences {

	private Divergences() {
	}

	/**
	 * Whether the replicas diverge and how; for total-order the histories carry the
	 * applied sequences.
	 */
	static ClusterView.Divergence of(Mode mode, List<ReplicaSummary> reachable, List<History> histories) {
		Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
		reachable.forEach((summary) -> states.put(summary.replica(), summary.entries()));
		int differingKeyCount = StateComparison.countDifferingKeys(states);
		SortedMap<String, Map<String, List<String>>> differingKeys = StateComparison.differingKeys(states);
		return switch (mode) {
			case LOCAL -> {
				List<List<String>> groups = groups(reachable, ReplicaSummary::replica, ReplicaSummary::digest);
				yield new ClusterView.Divergence((groups.size() <= 1) ? "The reachable replicas have equal states"
						: "The reachable replicas are in " + groups.size() + " different states (" + differingKeyCount
								+ " key(s) differ): expected in local, which replicates nothing",
						groups, differingKeyCount, differingKeys, null, null);
			}
			case RECONCILE -> {
				List<List<String>> groups = groups(reachable, ReplicaSummary::replica,
						(summary) -> "[" + summary.versionVector() + "] " + summary.digest());
				yield new ClusterView.Divergence((groups.size() <= 1)
						? "The reachable replicas have equal version vectors and digests"
						: "The reachable replicas are in " + groups.size() + " different states (version vector and "
								+ "digest); " + differingKeyCount + " key(s) differ",
						groups, differingKeyCount, differingKeys, null, null);
			}
			case TOTAL_ORDER -> totalOrder(histories, differingKeyCount, differingKeys);
		};
	}

	/** Whether the divergence is a disagreement (not merely replicas behind others). */
	static boolean diverged(Mode mode, ClusterView.Divergence divergence, List<History> histories) {
		if (mode == Mode.TOTAL_ORDER) {
			return !TotalOrderChecks.agreement(histories).holds()
					|| !TotalOrderChecks.equalPrefixEqualState(histories).holds();
		}
		return divergence.groups().size() > 1;
	}

	private static ClusterView.Divergence totalOrder(List<History> histories, int differingKeyCount,
			SortedMap<String, Map<String, List<String>>> differingKeys) {
		TotalOrderChecks.Prefix prefix = TotalOrderChecks.commonPrefix(histories);
		int longest = prefix.lengths().values().stream().mapToInt(Integer::intValue).max().orElse(0);
		Map<String, Integer> behind = new LinkedHashMap<>();
		prefix.lengths().forEach((replica, length) -> behind.put(replica, longest - length));
		List<List<String>> groups = groups(histories, History::replica,
				(history) -> history.effective().size() + " " + history.digest());
		PropertyCheck agreement = TotalOrderChecks.agreement(histories);
		PropertyCheck sameState = TotalOrderChecks.equalPrefixEqualState(histories);
		String summary;
		if (!agreement.holds()) {
			summary = "Applied orders conflict: " + agreement.counterexample().explanation();
		}
		else if (!sameState.holds()) {
			summary = "Equal applied sequences, different states: " + sameState.counterexample().explanation();
		}
		else if (prefix.firstDifference() == null) {
			summary = "All reachable replicas applied the same " + prefix.length() + " ops in the same order";
		}
		else {
			summary = "No conflict: the reachable replicas agree on the first " + prefix.length()
					+ " ops; some are behind (see 'behind')";
		}
		return new ClusterView.Divergence(summary, groups, differingKeyCount, differingKeys, prefix, behind);
	}

	private static <T> List<List<String>> groups(List<T> replicas, Function<T, String> id, Function<T, String> state) {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		for (T replica : replicas) {
			groups.computeIfAbsent(state.apply(replica), (key) -> new ArrayList<>()).add(id.apply(replica));
		}
		return List.copyOf(groups.values());
	}

}
