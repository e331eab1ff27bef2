/**
 * The god's-eye view of the cluster: {@code GET /api/cluster} gathers every replica's
 * summary side by side and says whether and how they diverge;
 * {@code GET /api/cluster/verify} checks the properties of docs/design.md over every
 * replica's WAL and applied log and names the violated property with a counterexample;
 * the {@code replication} health component and the {@code replication.divergence} gauge
 * show whether this replica currently differs from its peers.
 * <p>
 * It observes replicas only through their public HTTP API, whatever partition is imposed:
 * partitions cut replication traffic, not observation. The checks themselves
 * ({@code TotalOrderChecks}, {@code ReconcileChecks}, {@code LocalChecks}) are pure
 * functions of plain {@code History} records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cluster view, verifier, health and metrics",
		allowedDependencies = { "mode", "replica", "state", "system", "vclock", "wal" })
package io.replicationlab.cluster;
