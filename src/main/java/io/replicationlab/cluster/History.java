package io.replicationlab.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;

/**
 * What one reachable replica showed of one mode: its applied log, its WAL rows and its
 * state.
 *
 * @param applied the mode's applied log in apply order
 * @param wal the WAL rows of the mode, in local order
 * @param entries the state: each key with its live values
 * @param digest the state digest
 * @param vector reconcile: the replica's version vector ({@code r1:3,r2:5}), else
 * {@code null}
 * @param orderedAtOrigin total-order: ops this replica accepted from clients and reports
 * as ordered (op id -> offset), as far as the fetcher asked
 * @param stable whether the applied log did not grow while the snapshot was taken, so the
 * digest belongs to exactly these applied rows
 * @param liveOps reconcile: the op ids of the live siblings in {@code entries}' snapshot,
 * or {@code null} when the replica did not show them
 * @param unexamined total-order: ops accepted here from clients whose ordering was not
 * looked up (over {@code cluster.max-op-lookups}): no-loss cannot say they were ordered
 * or not
 */
record History(String replica, List<AppliedRow> applied, List<WalRow> wal, SortedMap<String, List<String>> entries,
		String digest, String vector, Map<UUID, Long> orderedAtOrigin, boolean stable, Set<UUID> liveOps,
		int unexamined) {

	History {
		applied = List.copyOf(applied);
		wal = List.copyOf(wal);
		orderedAtOrigin = Map.copyOf(orderedAtOrigin);
		liveOps = (liveOps != null) ? Set.copyOf(liveOps) : null;
	}

	History(String replica, List<AppliedRow> applied, List<WalRow> wal, SortedMap<String, List<String>> entries,
			String digest, String vector, Map<UUID, Long> orderedAtOrigin, boolean stable) {
		this(replica, applied, wal, entries, digest, vector, orderedAtOrigin, stable, null, 0);
	}

	/**
	 * The ops that changed the state, in apply order (see
	 * {@link AppliedRow#effective()}).
	 */
	List<AppliedRow> effective() {
		return this.applied.stream().filter(AppliedRow::effective).toList();
	}

}
