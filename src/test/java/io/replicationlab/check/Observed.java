package io.replicationlab.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checker read from each replica's API after healing and quiescence: per mode,
 * its applied log, WAL and state. A replica missing from the map never answered.
 */
record Observed(Map<String, Replica> replicas) {

	/**
	 * The mode as each replica that answered showed it, in the order of
	 * {@code replicaIds}; a replica that did not answer is what {@code found} cannot
	 * judge ({@link Anomalies#unknown}).
	 */
	Map<String, ModeView> views(String mode, List<String> replicaIds, Anomalies found) {
		Map<String, ModeView> views = new LinkedHashMap<>();
		for (String id : replicaIds) {
			Replica replica = this.replicas.get(id);
			if (replica == null || replica.mode(mode) == null) {
				found.unknown(id + " did not answer");
			}
			else {
				views.put(id, replica.mode(mode));
			}
		}
		return views;
	}

	/** One row of {@code /api/replica/applied}. */
	record Applied(long position, String opId, String key, String outcome, String detail) {

		boolean takesEffect() {
			return !"DUPLICATE".equals(this.outcome) && !"REJECTED".equals(this.outcome);
		}

	}

	/** One row of {@code /api/replica/wal}. */
	record Wal(long lsn, String opId, String origin, String source, String key, String value, String dot,
			String context, String acceptedAt) {
	}

	/**
	 * {@code /api/{mode}/kv}: key to live values, and the reconcile version vector and
	 * conflict policy.
	 */
	record State(Map<String, List<String>> entries, String digest, String versionVector, String policy) {
	}

	record ModeView(List<Applied> applied, List<Wal> wal, State state) {
	}

	record Replica(Map<String, ModeView> modes) {

		ModeView mode(String mode) {
			return this.modes.get(mode);
		}

	}

}
