/**
 * The other replicas: who they are, how to reach them over HTTP, and the partition in
 * force, which cuts replication traffic between groups of replicas (and, optionally,
 * between a replica and Kafka) so that divergence can be caused on purpose.
 * {@link io.replicationlab.peers.PartitionTable} is the one place that decides who may
 * talk to whom.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Peers and partitions",
		allowedDependencies = { "replica", "system", "worker" })
package io.replicationlab.peers;
