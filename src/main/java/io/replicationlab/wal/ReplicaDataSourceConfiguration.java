package io.replicationlab.wal;

import java.util.Arrays;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.replicationlab.replica.ReplicaProperties;
import org.flywaydb.core.api.callback.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The replica's own H2 file database under {@code replica.data-dir}, owned by one user
 * and used as another.
 * <p>
 * The owner ({@link DatabaseOwner}, {@code SA}) opens the database, runs the migrations
 * and gives the replica's user its rights ({@link AppUserRights}); everything else (the
 * pool below, hence every repository) works as {@code REPLICA_APP}, which may only read
 * and append {@code wal_entry}.
 * <p>
 * {@code WRITE_DELAY=0} (set by the owner, see {@link DatabaseOwner}) is the durability
 * setting: H2's default (500 ms) acknowledges a commit before it reaches the file, so a
 * {@code kill -9} loses the last half second of acknowledged writes. With 0, a commit
 * returns only after H2 has written it to the file, which a killed process can no longer
 * take back (the operating system holds it). By default it does not force the file to the
 * disk ({@code fsync}): an operating-system crash or power loss can lose acknowledged
 * writes unless {@code replica.fsync=true} ({@link CommitSync}). The delay is a setting
 * ({@link DurabilityProperties}) only so that the loss can be shown.
 * <p>
 * {@code QUERY_CACHE_SIZE=128} (set by the owner: a database setting, which H2 takes only
 * from the connection that opens the database and ignores in the pool's URL): H2 keeps
 * the parsed form of only the last 8 statements per connection by default; a write runs
 * more distinct statements than that (WAL, applied log, state, positions, and the
 * multi-row statements of each size), so each was parsed again on every use. 128 holds
 * them all.
 * <p>
 * {@code CACHE_SIZE=8192} (set by the owner): H2's page cache of 8 MB instead of 16. Its
 * pages hold rows as objects, so the cache takes about twice its nominal size of the heap
 * (~28 of a replica's ~68 MB live after a benchmark run; ~56 MB with 8); what a write
 * reads again (the right edge of each index, the keys written) fits in far less.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaDataSourceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReplicaDataSourceConfiguration.class);

	/**
	 * H2's write delay under the {@code ack-before-durable} pitfall, at startup or
	 * switched on at runtime: ten seconds, far longer than it takes to kill a replica
	 * right after its answer, so that such a kill loses the write every time, not by
	 * chance.
	 */
	static final int PITFALL_WRITE_DELAY = 10_000;

	@Bean(destroyMethod = "close")
	DatabaseOwner databaseOwner(ReplicaProperties replica, DurabilityProperties durability, DatabaseProperties database,
			io.replicationlab.replica.PitfallProperties pitfalls) {
		if (pitfalls.on(io.replicationlab.replica.Pitfall.ACK_BEFORE_DURABLE)) {
			// PITFALL ack-before-durable: H2 acknowledges commits it writes to its file
			// up to ten seconds later
			durability = new DurabilityProperties(PITFALL_WRITE_DELAY, durability.fsync());
		}
		if (durability.h2WriteDelay() != 0) {
			log.warn("replica.h2-write-delay is {} ms: acknowledged writes of the last {} ms are lost if this process "
					+ "is killed", durability.h2WriteDelay(), durability.h2WriteDelay());
		}
		return DatabaseOwner.open(replica.dataDir(), durability.h2WriteDelay(),
				DatabaseCredentials.forDataDir(replica.dataDir(), database));
	}

	/**
	 * Flyway migrates as the owner, not through the replica's pool, and gives the
	 * replica's user its rights after.
	 */
	@Bean
	FlywayConfigurationCustomizer ownerMigrates(DatabaseOwner owner) {
		return (configuration) -> {
			Callback[] callbacks = Arrays.copyOf(configuration.getCallbacks(), configuration.getCallbacks().length + 1);
			callbacks[callbacks.length - 1] = owner.appUserRights();
			configuration.dataSource(owner.dataSource()).callbacks(callbacks);
		};
	}

	/**
	 * {@code replica.fsync=true}: one {@code fsync} per group commit, before its writes
	 * are acknowledged.
	 */
	@Bean
	CommitSync commitSync(DurabilityProperties durability, DatabaseOwner owner) {
		if (durability.fsync()) {
			log.info("replica.fsync=true: every group commit is forced to disk before it is acknowledged");
			return owner::sync;
		}
		return CommitSync.NONE;
	}

	@Bean
	DataSource dataSource(ReplicaProperties replica, DatabaseOwner owner) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(DatabaseOwner.appUrl(replica.dataDir()));
		dataSource.setUsername(DatabaseCredentials.APP_USER);
		dataSource.setPassword(owner.appPassword());
		dataSource.setPoolName("replica-" + replica.id());
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

}
