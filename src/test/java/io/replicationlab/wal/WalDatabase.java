package io.replicationlab.wal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.replicationlab.replica.Mode;
import io.replicationlab.worker.Workers;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A replica's database in a directory, migrated by its owner, used as the replica's own
 * user, with its single writer and its WAL, wired by hand (no Spring context) for the
 * tests of this package, as {@code ReplicaDataSourceConfiguration} wires them.
 */
final class WalDatabase implements AutoCloseable {

	final DatabaseOwner owner;

	/** Connections as the replica's own user. */
	final JdbcDataSource dataSource = new JdbcDataSource();

	final GroupCommit groupCommit;

	final WriteAheadLog wal;

	final Workers workers = new Workers(Clock.systemUTC());

	WalDatabase(Path dir) {
		this(dir, (owner) -> CommitSync.NONE);
	}

	/**
	 * @param sync what the writer does after each group commit, given the database's
	 * owner
	 */
	WalDatabase(Path dir, Function<DatabaseOwner, CommitSync> sync) {
		this.owner = DatabaseOwner.open(dir, 0,
				DatabaseCredentials.forDataDir(dir, new DatabaseProperties(null, null)));
		Flyway.configure()
			.dataSource(this.owner.dataSource())
			.locations("classpath:db/migration")
			.callbacks(this.owner.appUserRights())
			.load()
			.migrate();
		this.dataSource.setURL(DatabaseOwner.appUrl(dir));
		this.dataSource.setUser(DatabaseCredentials.APP_USER);
		this.dataSource.setPassword(this.owner.appPassword());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.groupCommit = new GroupCommit(new DataSourceTransactionManager(this.dataSource), meters,
				sync.apply(this.owner), this.workers);
		this.wal = new WriteAheadLog(JdbcClient.create(this.dataSource), Clock.systemUTC(), meters,
				new StaticListableBeanFactory().getBeanProvider(OpTraceSource.class));
		this.groupCommit.start();
	}

	static NewWalEntry clientWrite(String key, String value) {
		return NewWalEntry.fromClient(UUID.randomUUID(), Mode.LOCAL, "r1", key, value, Instant.now());
	}

	@Override
	public void close() {
		this.groupCommit.stop();
		this.owner.close();
	}

}
