package io.replicationlab.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.replicationlab.ReplicationLabApplication;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas against a real {@code apache/kafka} broker in a container (the image
 * docker-compose.yml runs), as deployed: a write in total-order mode on one replica is
 * applied on all three. Runs where a Docker engine is available; elsewhere JUnit reports
 * it skipped ("disabledWithoutDocker").
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaTests {

	/** The broker image of docker-compose.yml and k8s/base/kafka.yaml. */
	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	@Container
	static final KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);

	@TempDir
	Path data;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void aTotalOrderWriteOnOneReplicaIsAppliedOnEveryReplica() throws Exception {
		List<Integer> ports = IntStream.rangeClosed(1, 3).mapToObj((n) -> startReplica("r" + n)).toList();

		Http.Response written = Http.to(ports.get(0))
			.sendJson("PUT", "/api/total-order/kv/greeting", "{\"value\":\"hello\"}");
		assertThat(written.status()).as(written.body()).isEqualTo(200);

		for (int port : ports) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				Http.Response read = Http.to(port).get("/api/total-order/kv/greeting");
				assertThat(read.status()).isEqualTo(200);
				assertThat(read.body()).contains("\"hello\"");
			});
		}
	}

	/**
	 * One replica configured the way the containers are (the environment of
	 * docker-compose.yml, as properties).
	 */
	private int startReplica(String id) {
		ConfigurableApplicationContext replica = new SpringApplicationBuilder(ReplicationLabApplication.class)
			.properties("server.port=0", "replica.id=" + id, "replica.data-dir=" + this.data.resolve(id),
					"replica.cluster-token=testcontainers",
					"spring.kafka.bootstrap-servers=" + kafka.getBootstrapServers(), "totalorder.topic=replication-log",
					"totalorder.replication-factor=1")
			.run();
		this.replicas.add(replica);
		return replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
