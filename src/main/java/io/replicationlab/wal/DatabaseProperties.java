package io.replicationlab.wal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The passwords of the replica's database users; either left unset is generated once per
 * data directory and kept in {@value DatabaseCredentials#FILE_NAME} beside the H2 file.
 *
 * @param ownerPassword {@code replica.database.owner-password}: of {@code SA}, who owns
 * the schema and runs the migrations
 * @param appPassword {@code replica.database.app-password}: of {@code REPLICA_APP}, the
 * user the replica works as
 */
@ConfigurationProperties("replica.database")
record DatabaseProperties(String ownerPassword, String appPassword) {

	@Override
	public String toString() {
		return "DatabaseProperties[passwords not shown]";
	}

}
