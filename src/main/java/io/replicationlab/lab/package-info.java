/**
 * The lab: {@code ./mvnw spring-boot:run} without a replica id starts a Kafka broker
 * (KRaft) and three replicas, each its own OS process, and a small HTTP API to kill -9
 * and restart them and to stop and start the broker ({@link io.replicationlab.lab.Lab};
 * the supervisor runs no Spring context). Inside each replica of the lab, a controller
 * forwards the same {@code /api/lab} paths to the supervisor.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lab (process supervisor and lab controls)",
		allowedDependencies = { "replica", "story", "system" })
package io.replicationlab.lab;
