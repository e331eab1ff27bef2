package io.replicationlab.wal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the replica's database makes commits durable.
 *
 * @param h2WriteDelay {@code replica.h2-write-delay}: milliseconds H2 may hold a commit
 * before writing it to its file. Never change it from 0 except to watch acknowledged
 * writes get lost: with H2's own default (500) a {@code kill -9} loses the last half
 * second of acknowledged writes ({@code DurabilityKillTests} shows both).
 * @param fsync {@code replica.fsync}: force the database file to stable storage
 * ({@code fsync}) once per group commit, before any write of the group is acknowledged,
 * so that acknowledged writes survive an operating-system crash or power loss too, not
 * only {@code kill -9}; off by default (it costs one {@code fsync} per group)
 */
@ConfigurationProperties("replica")
record DurabilityProperties(@DefaultValue("0") int h2WriteDelay, @DefaultValue("false") boolean fsync) {

	DurabilityProperties {
		if (h2WriteDelay < 0) {
			throw new IllegalArgumentException("replica.h2-write-delay must be 0 or more, not " + h2WriteDelay);
		}
	}

}
