package io.replicationlab.wal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.replicationlab.testing.OneReplicaTests;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The replica connects to its database as a user that may only read and append
 * {@code wal_entry}: whatever runs SQL through the replica's own connections (a bug, a
 * console attached to its pool) cannot empty, rewrite or reshape the log. Each statement
 * is sent with plain H2 JDBC as that user, against the replica's real H2 file.
 */
class DatabaseUserTests extends OneReplicaTests {

	/** What the replica's own user must never be allowed to do to the log. */
	static final List<String> FORBIDDEN = List.of("TRUNCATE TABLE wal_entry", "UPDATE wal_entry SET op_value = 'x'",
			"DELETE FROM wal_entry", "DROP TRIGGER wal_entry_no_update", "DROP TRIGGER wal_entry_no_delete",
			"ALTER TABLE wal_entry ADD COLUMN sneaky INT",
			"ALTER TABLE wal_entry DROP CONSTRAINT wal_entry_op_id_unique", "DROP TABLE wal_entry",
			"CREATE TABLE wal_entry_copy AS SELECT * FROM wal_entry", "SET WRITE_DELAY 500");

	@Autowired
	DataSource dataSource;

	@Test
	void theReplicasOwnUserMayOnlyReadAndAppendTheWal() throws SQLException {
		assertThat(http().put("local", uniqueKey("rights"), "v", UUID.randomUUID().toString()).status()).isEqualTo(200);
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		long walSize = walSize(pool);

		try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
				pool.getPassword()); Statement statement = connection.createStatement()) {
			for (String sql : FORBIDDEN) {
				assertThatExceptionOfType(SQLException.class).as(sql)
					.isThrownBy(() -> statement.execute(sql))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).as("%s refused for lack of rights: %s", sql, ex)
						.isIn(ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1, ErrorCode.ADMIN_RIGHTS_REQUIRED));
			}
		}

		assertThat(walSize(pool)).isEqualTo(walSize);
		assertThat(http().put("local", uniqueKey("rights"), "after", UUID.randomUUID().toString()).status())
			.as("appends still work")
			.isEqualTo(200);
	}

	private static long walSize(HikariDataSource pool) throws SQLException {
		try (Connection connection = pool.getConnection();
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT COUNT(*) FROM wal_entry")) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
