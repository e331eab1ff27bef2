package io.replicationlab.peers;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A network partition imposed on the cluster, with the version that makes it the one
 * truth.
 * <p>
 * Replicas in the same group talk to each other; replicas in different groups do not, in
 * either direction. A replica named in no group is alone (when there are groups). Each of
 * {@code links} cuts one direction only: data from {@code from} no longer reaches
 * {@code to}. When {@code kafka} is not {@code null}, only the replicas it lists reach
 * Kafka. {@link #NONE} is the healed state: everyone reaches everyone and Kafka.
 * <p>
 * Every command (a partition or a heal) is stamped with an {@code epoch} one above the
 * highest the issuing replica knows, and its {@code issuer}. Replicas keep the highest
 * stamp they hear of, ties broken by issuer id, so that two commands sent at once to
 * different replicas end with every replica holding the same one.
 *
 * @param groups disjoint groups of replica ids
 * @param links directed links cut on top of the groups
 * @param kafka the replicas that still reach Kafka, or {@code null} for all of them
 * @param epoch the command's version: 0 for the healed state a replica starts in
 * @param issuer the replica that stamped the command, or {@code null} for the starting
 * state
 */
public record Partition(List<List<String>> groups, List<Link> links, List<String> kafka, long epoch, String issuer) {

	public static final Partition NONE = new Partition(List.of(), List.of(), null, 0, null);

	private static final Comparator<Partition> VERSION = Comparator.comparingLong(Partition::epoch)
		.thenComparing(Partition::issuer, Comparator.nullsFirst(Comparator.naturalOrder()));

	public Partition {
		groups = (groups != null) ? groups.stream().map(List::copyOf).toList() : List.of();
		links = (links != null) ? List.copyOf(links) : List.of();
		kafka = (kafka != null) ? List.copyOf(kafka) : null;
		Set<String> seen = new HashSet<>();
		for (List<String> group : groups) {
			for (String replica : group) {
				if (!seen.add(replica)) {
					throw new IllegalArgumentException("replica " + replica + " is in more than one group");
				}
			}
		}
		if (epoch < 0) {
			throw new IllegalArgumentException("epoch " + epoch + " is negative");
		}
	}

	public Partition(List<List<String>> groups, List<String> kafka) {
		this(groups, List.of(), kafka, 0, null);
	}

	public boolean healed() {
		return this.groups.isEmpty() && this.links.isEmpty() && this.kafka == null;
	}

	/** The same cut, stamped as the command {@code issuer} gives at {@code epoch}. */
	Partition stamped(long epoch, String issuer) {
		return new Partition(this.groups, this.links, this.kafka, epoch, Objects.requireNonNull(issuer));
	}

	/**
	 * Whether this command is newer than {@code other}: higher epoch, or the same epoch
	 * from a higher issuer id.
	 */
	boolean newerThan(Partition other) {
		return VERSION.compare(this, other) > 0;
	}

	/**
	 * Whether replication traffic flows both ways between the two replicas (a replica
	 * always reaches itself).
	 */
	public boolean connects(String a, String b) {
		return flows(a, b) && flows(b, a);
	}

	/** Whether replication data sent by {@code from} reaches {@code to}. */
	public boolean flows(String from, String to) {
		if (from.equals(to)) {
			return true;
		}
		boolean grouped = this.groups.isEmpty()
				|| this.groups.stream().anyMatch((group) -> group.contains(from) && group.contains(to));
		return grouped && !this.links.contains(new Link(from, to));
	}

	/** Whether the replica may publish to and consume from Kafka. */
	public boolean reachesKafka(String replica) {
		return this.kafka == null || this.kafka.contains(replica);
	}

}
