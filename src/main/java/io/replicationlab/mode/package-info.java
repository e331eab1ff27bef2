/**
 * The client API that knows no concrete mode: the
 * {@link io.replicationlab.mode.ReplicationMode} port that each mode implements, the
 * {@code /api/{mode}/kv} controller that dispatches to it, and the {@code /api/replica}
 * views of this replica's WAL, applied logs and operations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Replication modes (port and client API)",
		allowedDependencies = { "replica", "state", "system", "tracing", "vclock", "wal" })
package io.replicationlab.mode;
