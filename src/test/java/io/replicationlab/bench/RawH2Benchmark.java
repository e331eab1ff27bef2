package io.replicationlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The reference limit of the WAL's disk: a bare JDBC loop of single-row commits into an
 * H2 table of {@code wal_entry}'s shape, with the replica's durability setting
 * ({@code WRITE_DELAY=0}), on the same disk.
 */
final class RawH2Benchmark {

	static final String INSERT = """
			insert into wal_entry (op_id, mode, origin, source, op_key, op_value, accepted_at, recorded_at)
			values (?, 'total-order', 'r1', 'CLIENT', ?, ?, ?, ?)""";

	private RawH2Benchmark() {
	}

	/**
	 * Single-row commits per second over {@code rows} commits, one connection, value of
	 * {@code valueBytes}.
	 */
	static double singleRowCommitsPerSecond(Path dir, int rows, int valueBytes) throws Exception {
		Files.createDirectories(dir);
		String url = "jdbc:h2:file:" + dir.resolve("raw").toAbsolutePath() + ";WRITE_DELAY=0";
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			createTable(connection);
			connection.setAutoCommit(false);
			String value = "x".repeat(valueBytes);
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				for (int i = 0; i < 200; i++) {
					commitOne(connection, insert, i, value);
				}
				long start = System.nanoTime();
				for (int i = 0; i < rows; i++) {
					commitOne(connection, insert, i, value);
				}
				return rows / ((System.nanoTime() - start) / 1e9);
			}
		}
	}

	static void commitOne(Connection connection, PreparedStatement insert, int i, String value) throws SQLException {
		OffsetDateTime now = OffsetDateTime.now();
		insert.setObject(1, UUID.randomUUID());
		insert.setString(2, "key-" + (i % 1000));
		insert.setString(3, value);
		insert.setObject(4, now);
		insert.setObject(5, now);
		insert.executeUpdate();
		connection.commit();
	}

	static void createTable(Connection connection) throws SQLException {
		try (Statement ddl = connection.createStatement()) {
			ddl.execute("drop table if exists wal_entry");
			ddl.execute(
					"""
							create table wal_entry (
							    lsn bigint generated always as identity primary key, op_id uuid not null unique,
							    mode varchar(16) not null, origin varchar(64) not null, source varchar(8) not null,
							    op_key varchar(256) not null, op_value varchar(65536), origin_lsn bigint,
							    accepted_at timestamp with time zone not null, recorded_at timestamp with time zone not null,
							    kafka_offset bigint, dot_replica varchar(64), dot_counter bigint, causal_context varchar(4096))""");
			ddl.execute("create index wal_entry_mode_lsn on wal_entry (mode, lsn)");
		}
	}

}
