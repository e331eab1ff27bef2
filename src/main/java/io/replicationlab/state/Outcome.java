package io.replicationlab.state;

/** What applying an operation did to a mode's state: one per row of the applied log. */
public enum Outcome {

	/** The op changed the state: its value (or delete) is now the key's value. */
	APPLIED,

	/** The op had been applied before (same op id) and was skipped. */
	DUPLICATE,

	/**
	 * reconcile: the op was concurrent with a live value and is kept beside it as a
	 * sibling.
	 */
	SIBLING,

	/**
	 * reconcile: the op arrived after a causally later write to its key had already
	 * replaced it.
	 */
	SUPERSEDED,

	/**
	 * reconcile with last-writer-wins: the op lost to a concurrent write with a higher
	 * (timestamp, origin).
	 */
	DISCARDED,

	/**
	 * The record could not be understood (for example it does not parse) and was skipped.
	 */
	REJECTED

}
