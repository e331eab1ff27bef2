/**
 * The {@code local} mode: a write is appended to this replica's WAL and applied to its
 * state in one transaction, and goes nowhere else. It shows that a WAL gives durability,
 * not consistency: each replica keeps its own history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Local mode",
		allowedDependencies = { "mode", "replica", "state", "wal" })
package io.replicationlab.local;
