package io.replicationlab.wal;

/** How an operation reached this replica's WAL. */
public enum Source {

	/** A client wrote it to this replica, which is its origin. */
	CLIENT,

	/**
	 * It was consumed from the total-order topic (written elsewhere, or by this replica
	 * before its data was lost).
	 */
	KAFKA,

	/** It was pulled from (or pushed by) a peer during reconciliation. */
	PEER

}
