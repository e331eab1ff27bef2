/**
 * The write-ahead log: the replica's append-only, durable record of every operation it
 * has seen, in local order. {@link io.replicationlab.wal.WriteAheadLog} is the only
 * writer of {@code wal_entry}, the database itself refuses updates and deletes
 * ({@link io.replicationlab.wal.AppendOnlyTrigger}), and
 * {@link io.replicationlab.wal.GroupCommit} is the one thread that writes to the
 * replica's database, committing concurrent writes together.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Write-ahead log",
		allowedDependencies = { "replica", "vclock", "worker" })
package io.replicationlab.wal;
