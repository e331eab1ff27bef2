package io.replicationlab.peers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.replicationlab.system.ClientProblem;

/** Checks a requested partition against the cluster: known replica ids, each at most once, no empty group. */
final class PartitionRules {

	private PartitionRules() {
	}

	static Partition check(List<List<String>> groups, List<String> kafka, PeerDirectory directory) {
		if (groups == null) {
			throw bad("A partition needs groups, like {\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}");
		}
		Set<String> seen = new HashSet<>();
		for (List<String> group : groups) {
			if (group == null || group.isEmpty()) {
				throw bad("Every group needs at least one replica id");
			}
			for (String id : group) {
				requireKnown(id, directory);
				if (!seen.add(id)) {
					throw bad("Replica '" + id + "' is named more than once; each replica belongs to one group");
				}
			}
		}
		if (kafka != null) {
			Set<String> kafkaSeen = new HashSet<>();
			for (String id : kafka) {
				requireKnown(id, directory);
				if (!kafkaSeen.add(id)) {
					throw bad("Replica '" + id + "' is named more than once in kafka");
				}
			}
		}
		return new Partition(groups, kafka);
	}

	private static void requireKnown(String id, PeerDirectory directory) {
		if (!directory.isKnown(id)) {
			throw bad("Unknown replica '" + ((id != null) ? id : "null") + "'; the replicas are "
					+ directory.replicaIds());
		}
	}

	private static ClientProblem bad(String detail) {
		return ClientProblem.badRequest("bad-partition", "Bad partition", detail);
	}

}
