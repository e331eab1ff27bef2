package io.replicationlab.cluster;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/cluster/verify?mode=}: each of the mode's properties with its verdict.
 *
 * @param replicas the replicas whose histories were judged
 * @param unreachable the replicas that could not be read (not judged)
 * @param holds whether every property holds
 */
record Verification(String mode, String observedBy, Instant observedAt, List<String> replicas,
		List<String> unreachable, Quiescence quiescence, boolean holds, List<PropertyCheck> properties) {

	/**
	 * How the verifier waited for replication to settle before judging.
	 *
	 * @param requestedSeconds the {@code quiesce} parameter (0: judge at once)
	 * @param settled whether the replicas agreed, or stood still for {@code cluster.quiesce-stillness}, in time
	 * @param waitedMillis how long it waited
	 */
	record Quiescence(int requestedSeconds, boolean settled, long waitedMillis) {
	}

}
