package io.replicationlab.wal;

/**
 * The trace an op was written in, stored with its WAL row.
 *
 * @param traceId the trace id (32 hex digits)
 * @param sampled whether the trace was sampled, so exported to a tracing backend
 */
public record OpTrace(String traceId, boolean sampled) {

}
