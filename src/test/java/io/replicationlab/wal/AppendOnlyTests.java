package io.replicationlab.wal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database itself keeps {@code wal_entry} append-only, whoever connects to it: even
 * its owner, who may do anything else, cannot update or delete a row
 * ({@code DatabaseUserTests} shows what the replica's own user may not do).
 */
class AppendOnlyTests {

	@TempDir
	Path dir;

	private WalDatabase database;

	private WalEntry entry;

	@BeforeEach
	void appendOneEntry() {
		this.database = new WalDatabase(this.dir);
		this.entry = this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("color", "blue")));
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void updateIsRefusedEvenToTheOwner() throws SQLException {
		try (Connection connection = this.database.owner.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement
					.executeUpdate("update wal_entry set op_value = 'red' where lsn = " + this.entry.lsn()))
				.withMessageContaining("wal_entry is append-only: UPDATE of lsn " + this.entry.lsn() + " refused");
		}
		assertUnchanged();
	}

	@Test
	void deleteIsRefusedEvenToTheOwner() throws SQLException {
		try (Connection connection = this.database.owner.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeUpdate("delete from wal_entry"))
				.withMessageContaining("wal_entry is append-only: DELETE of lsn " + this.entry.lsn() + " refused");
		}
		assertUnchanged();
	}

	@Test
	void theReplicasOwnUserMayNeitherEmptyNorReshapeTheLog() throws SQLException {
		try (Connection connection = this.database.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			for (String sql : DatabaseUserTests.FORBIDDEN) {
				assertThatExceptionOfType(SQLException.class).as(sql)
					.isThrownBy(() -> statement.execute(sql))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).as("%s refused for lack of rights: %s", sql, ex)
						.isIn(ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1, ErrorCode.ADMIN_RIGHTS_REQUIRED));
			}
		}
		assertUnchanged();
	}

	@Test
	void appendsStillWork() {
		WalEntry second = this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("color", "red")));

		assertThat(second.lsn()).isGreaterThan(this.entry.lsn());
		assertThat(this.database.wal.size()).isEqualTo(2);
	}

	private void assertUnchanged() throws SQLException {
		try (Connection connection = this.database.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select lsn, op_value from wal_entry")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getLong(1)).isEqualTo(this.entry.lsn());
			assertThat(rows.getString(2)).isEqualTo("blue");
			assertThat(rows.next()).isFalse();
		}
		assertThat(this.database.wal.find(this.entry.opId())).hasValueSatisfying((found) -> {
			assertThat(found.value()).isEqualTo("blue");
			assertThat(found.key()).isEqualTo("color");
		});
	}

}
