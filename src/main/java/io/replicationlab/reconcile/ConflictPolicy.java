package io.replicationlab.reconcile;

/**
 * What a replica keeps when writes to one key are concurrent (neither causal context
 * covers the other).
 */
enum ConflictPolicy {

	/**
	 * Keep every concurrent write as a sibling, until a write whose context covers them
	 * replaces them.
	 */
	MULTI_VALUE,

	/**
	 * Last writer wins: keep the write with the highest (accept time, origin id, counter)
	 * and discard the others, recording each as {@code DISCARDED} in the applied log and
	 * counting it.
	 */
	LWW

}
