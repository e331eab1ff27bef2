package io.replicationlab.peers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.replicationlab.system.ClientProblem;

/**
 * Checks a requested partition against the cluster: known replica ids, each at most once,
 * no empty group.
 */
final class PartitionRules {

	private PartitionRules() {
	}

	static Partition check(List<List<String>> groups, List<String> kafka, PeerDirectory directory) {
		return check(groups, null, kafka, directory);
	}

	/**
	 * A stamped command passed on by a peer: the same rules, and a known issuer (the
	 * healed state has groups []).
	 */
	static Partition check(List<List<String>> groups, List<Link> links, List<String> kafka, PeerDirectory directory,
			long epoch, String issuer) {
		requireKnown(issuer, directory);
		if (epoch < 1) {
			throw bad("A partition command passed on by a peer has an epoch of at least 1, not " + epoch);
		}
		Partition partition = (groups != null && groups.isEmpty() && (links == null || links.isEmpty()))
				? new Partition(List.of(), List.of(), kafka, 0, null) : check(groups, links, kafka, directory);
		return partition.stamped(epoch, issuer);
	}

	static Partition check(List<List<String>> groups, List<Link> links, List<String> kafka, PeerDirectory directory) {
		if (groups == null && (links == null || links.isEmpty())) {
			throw bad("A partition needs groups, like {\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}, or one-way "
					+ "links, like {\"links\": [{\"from\": \"r1\", \"to\": \"r2\"}]}");
		}
		if (groups == null) {
			groups = List.of();
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
		Set<Link> linksSeen = new HashSet<>();
		for (Link link : (links != null) ? links : List.<Link>of()) {
			if (link == null) {
				throw bad("A link needs from and to, like {\"from\": \"r1\", \"to\": \"r2\"}");
			}
			requireKnown(link.from(), directory);
			requireKnown(link.to(), directory);
			if (link.from().equals(link.to())) {
				throw bad("A link joins two different replicas, not '" + link.from() + "' to itself");
			}
			if (!linksSeen.add(link)) {
				throw bad("The link " + link.from() + " -> " + link.to() + " is named more than once");
			}
		}
		return new Partition(groups, (links != null) ? links : List.of(), kafka, 0, null);
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
