/**
 * What a replica has made of its operations: the materialized key-value state of the
 * single-value modes ({@link io.replicationlab.state.KvStore}), the applied log that
 * records the order in which ops were applied and what became of each
 * ({@link io.replicationlab.state.AppliedLog}), and the state digest that makes two
 * states comparable at a glance ({@link io.replicationlab.state.StateDigest}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "State and applied log",
		allowedDependencies = { "replica" })
package io.replicationlab.state;
