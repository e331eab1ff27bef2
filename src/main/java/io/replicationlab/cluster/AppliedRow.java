package io.replicationlab.cluster;

import java.util.UUID;

import io.replicationlab.state.Outcome;

/**
 * One row of a replica's applied log, as {@code GET /api/replica/applied} shows it.
 *
 * @param position the row's position in that replica's applied log (1, 2, 3...)
 */
record AppliedRow(long position, UUID opId, String origin, String key, Outcome outcome) {

	/**
	 * Whether the row changed (or was meant to change) the state.
	 * {@link Outcome#DUPLICATE} rows (the op was skipped) and {@link Outcome#REJECTED}
	 * rows (the record could not be read) did not: they are left out of the applied
	 * sequences the agreement check compares, so that agreement does not depend on
	 * whether a mode logs its skips.
	 */
	boolean effective() {
		return this.outcome != Outcome.DUPLICATE && this.outcome != Outcome.REJECTED;
	}

	@Override
	public String toString() {
		return this.opId + "@" + this.position;
	}

}
