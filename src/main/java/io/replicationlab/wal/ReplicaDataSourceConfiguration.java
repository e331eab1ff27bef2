package io.replicationlab.wal;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.replicationlab.replica.ReplicaProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The replica's own H2 file database under {@code replica.data-dir}.
 * <p>
 * {@code WRITE_DELAY=0} is the durability setting: H2's default (500 ms) acknowledges a commit before it reaches the
 * file, so a {@code kill -9} loses the last half second of acknowledged writes. With 0, a commit returns only after
 * H2 has written it to the file, which a killed process can no longer take back (the operating system holds it). It
 * does not force the disk cache ({@code fsync}) on every commit: an operating system crash or power loss is outside
 * what this lab protects against.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaDataSourceConfiguration {

	static String jdbcUrl(ReplicaProperties replica) {
		return jdbcUrl(replica, 0);
	}

	static String jdbcUrl(ReplicaProperties replica, int writeDelayMillis) {
		if (writeDelayMillis < 0) {
			throw new IllegalArgumentException("replica.h2-write-delay must be 0 or more, not " + writeDelayMillis);
		}
		return "jdbc:h2:file:" + replica.dataDir().resolve("replica") + ";WRITE_DELAY=" + writeDelayMillis;
	}

	/**
	 * @param writeDelayMillis {@code replica.h2-write-delay}: 0 (the default, durable). Anything else is a deliberately
	 * broken durability setting, only for showing that the kill -9 fault test catches lost acknowledged writes
	 * (RELIABILITY.md); never set it in earnest.
	 */
	@Bean
	DataSource dataSource(ReplicaProperties replica, @Value("${replica.h2-write-delay:0}") int writeDelayMillis) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl(replica, writeDelayMillis));
		dataSource.setUsername("sa");
		dataSource.setPassword("");
		dataSource.setPoolName("replica-" + replica.id());
		dataSource.setMaximumPoolSize(8);
		return dataSource;
	}

}
