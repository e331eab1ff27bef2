package io.replicationlab.mode;

import io.replicationlab.replica.Mode;

/**
 * A mode whose past states cannot be rebuilt by replaying single values
 * ({@code reconcile}: siblings and contexts) rebuilds them itself. The other modes need
 * not implement it: {@link TimeTravel} replays their applied log.
 */
public interface PastStateSource {

	Mode mode();

	/**
	 * The mode's state on this replica after the ops applied at positions
	 * 1..{@code position} of its applied log, rebuilt from its own history (applied log
	 * and WAL).
	 */
	ModeState stateAt(long position);

}
