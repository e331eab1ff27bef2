package io.replicationlab.wal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migration (a Flyway {@code afterMigrate} callback, run by the owner): the
 * replica's own user {@code REPLICA_APP} exists with its password and has, through the
 * role {@code REPLICA_APP_RIGHTS}, {@code SELECT} and {@code INSERT} on {@code wal_entry}
 * and nothing else there (no {@code UPDATE}, no {@code DELETE}, which {@code TRUNCATE}
 * needs too; not owning the schema, no {@code ALTER}, {@code DROP} or {@code CREATE}),
 * and {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} on every other
 * table, whichever migration added it. Run on every start, so that a new table needs
 * nothing special and a changed password takes effect.
 */
final class AppUserRights implements Callback {

	static final String ROLE = "REPLICA_APP_RIGHTS";

	private static final String WAL = "WAL_ENTRY";

	private final String appPassword;

	AppUserRights(String appPassword) {
		this.appPassword = appPassword;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		String history = context.getConfiguration().getTable();
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("CREATE ROLE IF NOT EXISTS " + ROLE);
			createUser(context.getConnection());
			for (Table table : tables(context.getConnection())) {
				if (table.name().equalsIgnoreCase(history)) {
					continue;
				}
				if (table.name().equals(WAL)) {
					statement.execute("REVOKE ALL ON " + table.quoted() + " FROM " + ROLE);
					statement.execute("REVOKE ALL ON " + table.quoted() + " FROM " + DatabaseCredentials.APP_USER);
					statement.execute("GRANT SELECT, INSERT ON " + table.quoted() + " TO " + ROLE);
				}
				else if (table.view()) {
					statement.execute("GRANT SELECT ON " + table.quoted() + " TO " + ROLE);
				}
				else {
					statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + table.quoted() + " TO " + ROLE);
				}
			}
			statement.execute("GRANT " + ROLE + " TO " + DatabaseCredentials.APP_USER);
			statement.execute("ALTER USER " + DatabaseCredentials.APP_USER + " ADMIN FALSE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot give " + DatabaseCredentials.APP_USER + " its rights", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "replica app user rights";
	}

	/**
	 * Before the rights (REVOKE and GRANT name the user); the password is set on every
	 * start.
	 */
	private void createUser(Connection connection) throws SQLException {
		try (PreparedStatement create = connection
			.prepareStatement("CREATE USER IF NOT EXISTS " + DatabaseCredentials.APP_USER + " PASSWORD ?")) {
			create.setString(1, this.appPassword);
			create.execute();
		}
		try (PreparedStatement password = connection
			.prepareStatement("ALTER USER " + DatabaseCredentials.APP_USER + " SET PASSWORD ?")) {
			password.setString(1, this.appPassword);
			password.execute();
		}
	}

	private static List<Table> tables(Connection connection) throws SQLException {
		List<Table> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
				SELECT table_schema, table_name, table_type FROM information_schema.tables
				WHERE table_schema <> 'INFORMATION_SCHEMA' AND table_type IN ('BASE TABLE', 'VIEW')
				""")) {
			while (rows.next()) {
				tables.add(new Table(rows.getString(1), rows.getString(2), "VIEW".equals(rows.getString(3))));
			}
		}
		return tables;
	}

	private record Table(String schema, String name, boolean view) {

		String quoted() {
			return '"' + this.schema.replace("\"", "\"\"") + "\".\"" + this.name.replace("\"", "\"\"") + '"';
		}

	}

}
