package io.replicationlab.wal;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.replicationlab.replica.ReplicaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The replica's own H2 file database under {@code replica.data-dir}.
 * <p>
 * {@code WRITE_DELAY=0} is the durability setting: H2's default (500 ms) acknowledges a commit before it reaches the
 * file, so a {@code kill -9} loses the last half second of acknowledged writes. With 0, a commit returns only after
 * H2 has written it to the file, which a killed process can no longer take back (the operating system holds it). It
 * does not force the disk cache ({@code fsync}) on every commit: an operating system crash or power loss is outside
 * what this lab protects against. The delay is a setting ({@link DurabilityProperties}) only so that the loss can be
 * shown.
 * <p>
 * {@code QUERY_CACHE_SIZE}: H2 keeps the parsed form of only the last 8 statements per connection by default; a write
 * runs more distinct statements than that (WAL, outbox, applied log, state, positions), so each was parsed again on
 * every use. 128 holds them all.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaDataSourceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ReplicaDataSourceConfiguration.class);

	static String jdbcUrl(ReplicaProperties replica, DurabilityProperties durability) {
		return "jdbc:h2:file:" + replica.dataDir().resolve("replica") + ";WRITE_DELAY=" + durability.h2WriteDelay()
				+ ";QUERY_CACHE_SIZE=128";
	}

	@Bean
	DataSource dataSource(ReplicaProperties replica, DurabilityProperties durability,
			io.replicationlab.replica.PitfallProperties pitfalls) {
		if (pitfalls.on(io.replicationlab.replica.Pitfall.ACK_BEFORE_DURABLE)) {
			// PITFALL ack-before-durable: H2 acknowledges commits it writes to its file up to a second later
			durability = new DurabilityProperties(1000);
		}
		if (durability.h2WriteDelay() != 0) {
			log.warn("replica.h2-write-delay is {} ms: acknowledged writes of the last {} ms are lost if this process "
					+ "is killed", durability.h2WriteDelay(), durability.h2WriteDelay());
		}
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl(replica, durability));
		dataSource.setUsername("sa");
		dataSource.setPassword("");
		dataSource.setPoolName("replica-" + replica.id());
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

}
