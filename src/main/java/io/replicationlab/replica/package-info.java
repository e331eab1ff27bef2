/**
 * Who this replica is: its id, data directory, peers and cluster token
 * ({@link io.replicationlab.replica.ReplicaProperties}), and the replication
 * {@link io.replicationlab.replica.Mode modes} every replica serves. Depends on nothing
 * else.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Replica identity", allowedDependencies = {})
package io.replicationlab.replica;
