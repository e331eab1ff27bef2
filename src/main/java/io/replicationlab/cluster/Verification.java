package io.replicationlab.cluster;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/cluster/verify?mode=}: each of the mode's properties with its verdict.
 *
 * @param replicas the replicas whose histories were judged
 * @param unreachable the replicas that could not be read (not judged)
 * @param holds whether every property holds: true only when {@code verdict} is
 * {@code holds}
 * @param verdict {@code holds} (every member was observed and every property holds over
 * everything), {@code fails} (some property has a counterexample) or {@code unknown}
 * (nothing fails, but something was not seen)
 * @param reasons why the verdict is {@code unknown}: the unreachable replicas with their
 * errors, and each property that could not be judged
 */
record Verification(String mode, String observedBy, Instant observedAt, List<String> replicas, List<String> unreachable,
		Quiescence quiescence, boolean holds, String verdict, List<String> reasons, List<PropertyCheck> properties) {

	/**
	 * How the verifier waited for replication to settle before judging.
	 *
	 * @param requestedSeconds the {@code quiesce} parameter (0: judge at once)
	 * @param settled whether the replicas agreed, or stood still for
	 * {@code cluster.quiesce-stillness}, in time
	 * @param waitedMillis how long it waited
	 */
	record Quiescence(int requestedSeconds, boolean settled, long waitedMillis) {
	}

}
