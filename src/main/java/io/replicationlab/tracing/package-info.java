/**
 * One write, one trace: remembers each op's trace context so that the threads that carry
 * the op on (the relay, the consumer, the ops endpoint) continue or name the trace the
 * client's request started.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracing", allowedDependencies = { "wal" })
package io.replicationlab.tracing;
