package io.replicationlab.peers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A network partition imposed on the cluster.
 * <p>
 * Replicas in the same group talk to each other; replicas in different groups do not, in either direction. A replica
 * named in no group is alone. When {@code kafka} is not {@code null}, only the replicas it lists reach Kafka.
 * {@link #NONE} is the healed state: everyone reaches everyone and Kafka.
 *
 * @param groups disjoint groups of replica ids
 * @param kafka the replicas that still reach Kafka, or {@code null} for all of them
 */
public record Partition(List<List<String>> groups, List<String> kafka) {

	public static final Partition NONE = new Partition(List.of(), null);

	public Partition {
		groups = (groups != null) ? groups.stream().map(List::copyOf).toList() : List.of();
		kafka = (kafka != null) ? List.copyOf(kafka) : null;
		Set<String> seen = new HashSet<>();
		for (List<String> group : groups) {
			for (String replica : group) {
				if (!seen.add(replica)) {
					throw new IllegalArgumentException("replica " + replica + " is in more than one group");
				}
			}
		}
	}

	public boolean healed() {
		return this.groups.isEmpty() && this.kafka == null;
	}

	/** Whether replication traffic flows between the two replicas (symmetric; a replica always reaches itself). */
	public boolean connects(String a, String b) {
		if (this.groups.isEmpty() || a.equals(b)) {
			return true;
		}
		return this.groups.stream().anyMatch((group) -> group.contains(a) && group.contains(b));
	}

	/** Whether the replica may publish to and consume from Kafka. */
	public boolean reachesKafka(String replica) {
		return this.kafka == null || this.kafka.contains(replica);
	}

}
