package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * One op in a delta batch, as it travels between replicas. Text fields, checked by
 * {@link DeltaBatches} before anything is applied.
 *
 * @param value the value, or absent for a delete
 * @param context the causal context the writer had seen, {@code r1:3,r2:5} (empty string:
 * nothing)
 * @param acceptedAt ISO-8601 instant the origin accepted the op at
 * @param originLsn the op's lsn in its origin's WAL
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeltaOp(String opId, String dot, String key, String value, String context, String acceptedAt, Long originLsn) {

	static DeltaOp of(ReconcileOp op) {
		return new DeltaOp(op.opId().toString(), op.dot().toString(), op.key(), op.value(), op.context().toString(),
				op.acceptedAt().toString(), op.originLsn());
	}

	/** Reads the op; throws {@link IllegalArgumentException} naming what is malformed. */
	ReconcileOp parse() {
		UUID id = UUID.fromString(required(this.opId, "opId"));
		if (!id.toString().equalsIgnoreCase(this.opId)) {
			throw new IllegalArgumentException("opId '" + this.opId + "' is not a UUID");
		}
		return new ReconcileOp(id, Dot.parse(required(this.dot, "dot")), VersionVector.parse(this.context),
				required(this.key, "key"), this.value, Instant.parse(required(this.acceptedAt, "acceptedAt")),
				(this.originLsn != null) ? this.originLsn : 0);
	}

	private String required(String field, String name) {
		if (field == null) {
			throw new IllegalArgumentException("op " + this.dot + " has no " + name);
		}
		return field;
	}

}
