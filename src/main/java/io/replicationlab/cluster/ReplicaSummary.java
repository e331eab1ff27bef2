package io.replicationlab.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One replica's summary in one mode, as the cluster view shows it side by side with the
 * others.
 *
 * @param reachable whether the replica answered; an unreachable replica has only
 * {@code replica}, {@code url} and {@code error}
 * @param error why it could not be observed
 * @param walSize rows in its WAL, all modes
 * @param walEntries rows of this mode in its WAL
 * @param applied the last position of this mode's applied log (rows, DUPLICATE and
 * REJECTED included)
 * @param keys how many keys its state holds
 * @param versionVector reconcile: its version vector
 * @param position where it stands in the mode, as its {@code /api/replica} reports it
 * under {@code modes.<mode>} (total-order: {@code consumedOffset}, {@code endOffset},
 * {@code lag}, {@code outbox}, {@code kafka}; reconcile: {@code versionVector},
 * {@code shipped}, {@code received}, {@code lwwDiscarded})
 * @param partition the partition in force on it, as {@code /api/replica} shows it
 * @param entries its state (not shown: the view lists only the keys that differ)
 * @param liveOps reconcile: the op ids of every live sibling (tombstones included), from
 * the same snapshot as {@code entries}, or {@code null} when the replica does not show
 * them (not shown)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReplicaSummary(String replica, String url, boolean reachable, String error, Long walSize, Long walEntries,
		Long applied, String digest, Integer keys, String versionVector, Map<String, Object> position, Object partition,
		@JsonIgnore SortedMap<String, List<String>> entries, @JsonIgnore Set<UUID> liveOps) {

	static ReplicaSummary unreachable(Member member, String error) {
		return new ReplicaSummary(member.id(), member.url().toString(), false, error, null, null, null, null, null,
				null, null, null, null, null);
	}

	/**
	 * What changes while replication is still moving; equal fingerprints over time mean
	 * it stood still.
	 */
	@JsonIgnore
	List<Object> fingerprint() {
		return java.util.Arrays.asList(this.replica, this.reachable, this.walSize, this.applied, this.digest,
				this.versionVector, (this.position != null) ? this.position.get("consumedOffset") : null);
	}

}
