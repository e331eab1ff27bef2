package io.replicationlab.wal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The owner's side of a replica's database: runs the migrations ({@link #dataSource()})
 * and holds the database open for as long as the replica runs.
 * <p>
 * Holding it open is what keeps {@code WRITE_DELAY} in force: H2 applies it from the URL
 * of the connection that opens the database, only an admin may set it, and it is not
 * restored when the database is opened again. So the owner opens the database first, with
 * the setting, and keeps one connection until the replica's own pool has closed; the
 * replica's user connects with {@code IFEXISTS=TRUE} and never opens (or creates) the
 * database itself.
 */
final class DatabaseOwner implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOwner.class);

	private final JdbcDataSource dataSource = new JdbcDataSource();

	private final Connection keeper;

	private final AppUserRights appUserRights;

	private final String appPassword;

	private DatabaseOwner(Path dataDir, int writeDelay, DatabaseCredentials credentials) {
		// CACHE_SIZE (KB), QUERY_CACHE_SIZE: see ReplicaDataSourceConfiguration. Database
		// settings take effect only in the URL of the connection that opens the database,
		// which is this one: in the pool's URL H2 ignores them without a word.
		this.dataSource
			.setURL(database(dataDir) + ";WRITE_DELAY=" + writeDelay + ";CACHE_SIZE=8192;QUERY_CACHE_SIZE=128");
		this.dataSource.setUser(DatabaseCredentials.OWNER);
		this.dataSource.setPassword(credentials.ownerPassword());
		this.keeper = logIn(credentials);
		this.appUserRights = new AppUserRights(credentials.appPassword());
		this.appPassword = credentials.appPassword();
	}

	static DatabaseOwner open(Path dataDir, int writeDelay, DatabaseCredentials credentials) {
		return new DatabaseOwner(dataDir, writeDelay, credentials);
	}

	/**
	 * The URL the replica's own user connects with: no settings (the database's are the
	 * owner's, see above).
	 */
	static String appUrl(Path dataDir) {
		return database(dataDir) + ";IFEXISTS=TRUE";
	}

	private static String database(Path dataDir) {
		return "jdbc:h2:file:" + dataDir.resolve("replica");
	}

	/**
	 * The owner's one connection, for the migrations. Not a fresh one: H2 (2.4.240) keeps
	 * the session that created a check constraint such as {@code source in (...)} for
	 * evaluating it, and once that session is closed every insert fails with "Check
	 * constraint invalid ... The database has been closed" until the database is opened
	 * again. The keeper lives as long as the database.
	 */
	DataSource dataSource() {
		return new SingleConnectionDataSource(this.keeper, true);
	}

	/** The password of the replica's own user, {@value DatabaseCredentials#APP_USER}. */
	String appPassword() {
		return this.appPassword;
	}

	/**
	 * The Flyway callback that gives the replica's own user its rights after every
	 * migration.
	 */
	AppUserRights appUserRights() {
		return this.appUserRights;
	}

	/**
	 * Logs in with the owner's password, else with a former one, which it then replaces:
	 * a data directory from before the replica had its own user has {@code SA} with an
	 * empty password.
	 */
	private Connection logIn(DatabaseCredentials credentials) {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
				throw new IllegalStateException("Cannot open the database " + this.dataSource.getURL(), ex);
			}
		}
		for (String former : credentials.formerOwnerPasswords()) {
			try {
				Connection connection = this.dataSource.getConnection(DatabaseCredentials.OWNER, former);
				try (PreparedStatement change = connection
					.prepareStatement("ALTER USER " + DatabaseCredentials.OWNER + " SET PASSWORD ?")) {
					change.setString(1, credentials.ownerPassword());
					change.execute();
				}
				log.info("Gave the database owner {} of {} the password of {} (it had {})", DatabaseCredentials.OWNER,
						this.dataSource.getURL(), DatabaseCredentials.FILE_NAME,
						former.isEmpty() ? "an empty one, from before the replica had its own user" : "a former one");
				return connection;
			}
			catch (SQLException ex) {
				if (ex.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
					throw new IllegalStateException("Cannot open the database " + this.dataSource.getURL(), ex);
				}
			}
		}
		throw new IllegalStateException("Cannot log in to " + this.dataSource.getURL() + " as its owner "
				+ DatabaseCredentials.OWNER
				+ ": the password is neither replica.database.owner-password nor the one in "
				+ DatabaseCredentials.FILE_NAME + " of the data directory. Set replica.database.owner-password to it.");
	}

	/**
	 * Forces what H2 has written to the database file onto stable storage:
	 * {@code CHECKPOINT SYNC} writes what is still unsaved (nothing, with
	 * {@code WRITE_DELAY=0}) and then {@code FileChannel.force}s the file, one
	 * {@code fsync}. Needs admin rights, hence the owner's connection.
	 */
	synchronized void sync() {
		try (Statement statement = this.keeper.createStatement()) {
			statement.execute("CHECKPOINT SYNC");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot force the database file to disk", ex);
		}
	}

	/**
	 * Changes H2's write delay while the database is open ({@code SET WRITE_DELAY}, admin
	 * only, hence the owner's connection): how the {@code ack-before-durable} pitfall is
	 * switched at runtime.
	 */
	synchronized void writeDelay(int millis) {
		if (millis < 0) {
			throw new IllegalArgumentException("a write delay is 0 or more milliseconds, not " + millis);
		}
		try (Statement statement = this.keeper.createStatement()) {
			statement.execute("SET WRITE_DELAY " + millis);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot set the database's write delay to " + millis + " ms", ex);
		}
	}

	@Override
	public void close() {
		try {
			this.keeper.close();
		}
		catch (SQLException ex) {
			log.warn("Closing the database owner's connection failed", ex);
		}
	}

}
