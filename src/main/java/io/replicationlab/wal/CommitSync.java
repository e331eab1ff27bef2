package io.replicationlab.wal;

/**
 * What {@link GroupCommit} does after a group's transaction has committed and before it
 * acknowledges any write of the group: nothing by default, or force the database file to
 * stable storage ({@code replica.fsync=true}).
 */
@FunctionalInterface
interface CommitSync {

	/**
	 * Commits are written to the operating system only: they survive {@code kill -9}, not
	 * an OS crash.
	 */
	CommitSync NONE = () -> {
	};

	void afterCommit();

}
