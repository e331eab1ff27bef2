package io.replicationlab.state;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.replicationlab.replica.Mode;

/**
 * One row of a mode's applied log.
 *
 * @param position where in this replica's apply order (1, 2, 3...) the op was applied
 * @param detail a few words for a person, such as the Kafka offset or the siblings
 * replaced
 * @param dot reconcile: the dot the row is about (one op id retried on two replicas has
 * two); absent elsewhere
 */
public record AppliedOp(Mode mode, long position, UUID opId, String origin, String key, Outcome outcome, String detail,
		Instant appliedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String dot) {
}
