/**
 * The {@code reconcile} mode: multi-leader writes accepted locally at once, each named by
 * a dot, exchanged with the peers as versioned deltas over REST
 * ({@code /internal/reconcile/deltas}, pulled every {@code reconcile.pull-interval} and
 * optionally pushed), and merged with vector clocks: concurrent writes stay as siblings
 * ({@code multi-value}) or the last writer wins ({@code lww}, the losers counted).
 * Replicas apply ops in different orders, yet converge to the same state once they can
 * talk.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reconcile mode",
		allowedDependencies = { "mode", "peers", "replica", "state", "system", "vclock", "wal", "worker" })
package io.replicationlab.reconcile;
