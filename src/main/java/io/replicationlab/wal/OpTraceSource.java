package io.replicationlab.wal;

import java.util.Optional;
import java.util.UUID;

/**
 * Where the WAL learns an op's trace when it appends the op's row: the tracing module
 * implements it, so that the log depends on no tracing code.
 */
public interface OpTraceSource {

	/** The trace the op is being written in, when one is known. */
	Optional<OpTrace> trace(UUID opId);

}
