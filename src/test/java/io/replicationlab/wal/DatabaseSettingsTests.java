package io.replicationlab.wal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 settings {@link ReplicaDataSourceConfiguration} describes are the ones in force
 * where the replica's statements run: asked through the replica's own pool, of its real
 * database file. A database setting given only in the pool's URL is silently ignored by
 * H2, because the owner has opened the database before the pool connects.
 */
class DatabaseSettingsTests extends OneReplicaTests {

	@Autowired
	DataSource dataSource;

	@Test
	void theReplicasConnectionsRunWithTheDocumentedSettings() throws SQLException {
		Map<String, String> settings = new HashMap<>();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select setting_name, setting_value from "
						+ "information_schema.settings where setting_name in "
						+ "('QUERY_CACHE_SIZE', 'CACHE_SIZE', 'WRITE_DELAY')")) {
			while (rows.next()) {
				settings.put(rows.getString(1), rows.getString(2));
			}
		}

		assertThat(settings).as("parsed statements kept per connection (a write runs more than H2's default 8)")
			.containsEntry("QUERY_CACHE_SIZE", "128");
		assertThat(settings).as("the page cache, in KB").containsEntry("CACHE_SIZE", "8192");
		assertThat(settings).as("a commit is written to the file before it returns").containsEntry("WRITE_DELAY", "0");
	}

}
