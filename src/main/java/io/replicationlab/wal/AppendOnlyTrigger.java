package io.replicationlab.wal;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * An H2 trigger that refuses every {@code UPDATE} and {@code DELETE} on
 * {@code wal_entry}, so that the log stays append-only whatever code (or person with a
 * SQL console) touches the database. Installed by the first migration.
 * <p>
 * Public, and in this package for good, only because H2 instantiates it by the class name
 * that migration V1 stored in every replica's database; it is no API of the module.
 */
public class AppendOnlyTrigger implements Trigger {

	/** SQLSTATE class 27: triggered data change violation. */
	static final String SQL_STATE = "27000";

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		String operation = (newRow == null) ? "DELETE" : "UPDATE";
		throw new SQLException("wal_entry is append-only: " + operation + " of lsn " + oldRow[0] + " refused",
				SQL_STATE);
	}

}
