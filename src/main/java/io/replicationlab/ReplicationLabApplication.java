package io.replicationlab;

import io.replicationlab.lab.Lab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One replica of the lab: a write-ahead log in its own H2 database, replicated in three
 * modes side by side. Started without a replica id ({@code --replica.id},
 * {@code -Dreplica.id}, {@code REPLICA_ID}), it runs the whole {@link Lab} instead: a
 * Kafka broker and three replicas, each its own process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReplicationLabApplication {

	public static void main(String[] args) throws Exception {
		if (Lab.isRequested(args)) {
			Lab.main(args);
			return;
		}
		SpringApplication.run(ReplicationLabApplication.class, args);
	}

}
