package io.replicationlab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One replica of the lab: a write-ahead log in its own H2 database, replicated in three modes side by side.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReplicationLabApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReplicationLabApplication.class, args);
	}

}
