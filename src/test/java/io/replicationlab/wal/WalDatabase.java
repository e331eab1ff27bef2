package io.replicationlab.wal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.replicationlab.replica.Mode;
import io.replicationlab.worker.Workers;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A replica's database in a directory, migrated, with its single writer and its WAL, wired by hand (no Spring
 * context) for the tests of this package.
 */
final class WalDatabase implements AutoCloseable {

	final JdbcDataSource dataSource = new JdbcDataSource();

	final GroupCommit groupCommit;

	final WriteAheadLog wal;

	final Workers workers = new Workers(Clock.systemUTC());

	WalDatabase(Path dir) {
		this.dataSource.setURL("jdbc:h2:file:" + dir.resolve("replica") + ";WRITE_DELAY=0");
		this.dataSource.setUser("sa");
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.groupCommit = new GroupCommit(new DataSourceTransactionManager(this.dataSource), meters,
				this.workers);
		this.wal = new WriteAheadLog(JdbcClient.create(this.dataSource), Clock.systemUTC(), meters);
		this.groupCommit.start();
	}

	static NewWalEntry clientWrite(String key, String value) {
		return NewWalEntry.fromClient(UUID.randomUUID(), Mode.LOCAL, "r1", key, value, Instant.now());
	}

	@Override
	public void close() {
		this.groupCommit.stop();
	}

}
