package io.replicationlab.wal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import io.replicationlab.testing.ReplicaProcess;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A data directory created before the replica had its own database user (everything as
 * {@code sa} with an empty password, migrated up to V3, today's main) keeps its data when
 * a replica of today starts on it: the migration gives it the replica's restricted user,
 * and from then on neither an empty owner password nor the replica's user can empty the
 * log.
 */
class DataDirectoryUpgradeTests {

	@TempDir
	Path dir;

	@Test
	void aDataDirectoryFromBeforeTheAppUserUpgradesAndKeepsItsWal() throws Exception {
		Path dataDir = this.dir.resolve("u1");
		Files.createDirectories(dataDir);
		String url = "jdbc:h2:file:" + dataDir.resolve("replica");
		UUID oldOp = UUID.randomUUID();
		createAsBeforeTheChange(url, oldOp);

		try (ReplicaProcess replica = ReplicaProcess.start("u1", dataDir)) {
			assertThat(replica.http().get("/api/replica/wal?mode=local").json().path(0).path("opId").asString())
				.as("the op written before the upgrade")
				.isEqualTo(oldOp.toString());
			assertThat(replica.http().put("local", "after-upgrade", "v", UUID.randomUUID().toString()).status())
				.isEqualTo(200);
		}

		assertThatExceptionOfType(SQLException.class).as("the owner no longer opens with an empty password")
			.isThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
		Properties credentials = credentials(dataDir);
		try (Connection connection = DriverManager.getConnection(url, credentials.getProperty("app.user"),
				credentials.getProperty("app.password")); Statement statement = connection.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("TRUNCATE TABLE wal_entry"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1));
			var rows = statement.executeQuery("SELECT COUNT(*) FROM wal_entry");
			rows.next();
			assertThat(rows.getLong(1)).isEqualTo(2);
		}
	}

	/**
	 * What a replica before the change left behind: schema and rows owned by {@code sa},
	 * empty password.
	 */
	private static void createAsBeforeTheChange(String url, UUID op) throws SQLException {
		JdbcDataSource owner = new JdbcDataSource();
		owner.setURL(url);
		owner.setUser("sa");
		owner.setPassword("");
		Flyway.configure().dataSource(owner).locations("classpath:db/migration").target("3").load().migrate();
		try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(
					"""
							insert into wal_entry (op_id, mode, origin, source, op_key, op_value, accepted_at, recorded_at)
							values ('%s', 'local', 'u1', 'CLIENT', 'before-upgrade', 'old', current_timestamp, current_timestamp)
							"""
						.formatted(op));
		}
	}

	private static Properties credentials(Path dataDir) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(dataDir.resolve(DatabaseCredentials.FILE_NAME))) {
			properties.load(reader);
		}
		return properties;
	}

}
