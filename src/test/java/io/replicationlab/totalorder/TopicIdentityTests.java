package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.InJvmReplica;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log is the history: a topic deleted (Kafka's own Admin.deleteTopics) and created
 * again under the same name while two replicas run is not the log their positions belong
 * to. They halt total order and say so, never create the topic again, keep taking writes
 * (durable, 202), and apply nothing from the new log, even once its offsets pass theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicIdentityTests {

	private static final String TOPIC = "replication-log";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@AutoClose
	private final BrokerAndReplicas cluster = new BrokerAndReplicas(Map.of("auto.create.topics.enable", "false"), "r1",
			"r2");

	private final List<InJvmReplica> replicas = this.cluster.replicas;

	@Test
	void aTopicDeletedAndCreatedAgainHaltsTotalOrderInsteadOfSkippingOrReapplyingHistory() throws Exception {
		InJvmReplica r1 = this.replicas.get(0);
		InJvmReplica r2 = this.replicas.get(1);
		for (int i = 0; i < 3; i++) {
			assertThat(TotalOrderTests.write(r1, "history", "v" + i, UUID.randomUUID(), "durable").status())
				.isEqualTo(200);
		}
		await().atMost(PATIENCE)
			.until(() -> r1.applied("total-order").size() == 3 && r2.applied("total-order").size() == 3);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers()))) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(r1.http().get("/actuator/health/kafka").json().get("status").asString())
					.isEqualTo("UP"));
			admin.deleteTopics(List.of(TOPIC)).all().get();
			for (InJvmReplica replica : this.replicas) {
				await().atMost(PATIENCE).untilAsserted(() -> {
					Http.Response health = replica.http().get("/actuator/health/kafka");
					assertThat(health.status()).as("HALTED answers 200").isEqualTo(200);
					assertThat(health.json().get("status").asString()).isEqualTo("HALTED");
					assertThat(health.json().get("details").get("halted").asString()).contains(TOPIC);
				});
				assertThat(
						replica.http().getJson("/api/replica").get("modes").get("total-order").get("halted").asString())
					.contains(TOPIC);
				assertThat(replica.http().get("/actuator/health/liveness").status()).isEqualTo(200);
				assertThat(replica.http().get("/actuator/health/readiness").status()).isEqualTo(200);
			}
			assertThat(admin.listTopics().names().get()).as("no replica created the topic again").doesNotContain(TOPIC);
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
		}
		List<UUID> foreign = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < 6; i++) {
				UUID opId = UUID.randomUUID();
				foreign.add(opId);
				String json = "{\"opId\":\"" + opId + "\",\"origin\":\"r9\",\"key\":\"history\",\"value\":\"foreign-"
						+ i + "\",\"originLsn\":" + (i + 1) + ",\"acceptedAt\":\"2026-11-29T13:05:07Z\"}";
				producer.send(new ProducerRecord<>(TOPIC, 0, null, json.getBytes(StandardCharsets.UTF_8))).get();
			}
		}
		Http.Response write = TotalOrderTests.write(r1, "history", "during-halt", UUID.randomUUID(), "applied");
		assertThat(write.status()).as("durable, never 5xx").isEqualTo(202);
		assertThat(write.json().get("status").asString()).isEqualTo("durable");
		// the new log now reaches past both positions: a replica that trusted offsets
		// would apply from it
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (InJvmReplica replica : this.replicas) {
				assertThat(replica.applied("total-order")).hasSize(3);
				assertThat(replica.http().getJson("/api/total-order/kv/history").get("values").get(0).asString())
					.isEqualTo("v2");
			}
		});
		InJvmReplica restarted = this.cluster.restart(1);
		await().atMost(PATIENCE).untilAsserted(() -> {
			Http.Response health = restarted.http().get("/actuator/health/kafka");
			assertThat(health.json().get("status").asString()).as("a restart checks the stored identity")
				.isEqualTo("HALTED");
			assertThat(health.json().get("details").get("halted").asString()).contains("topic id");
		});
		assertThat(restarted.applied("total-order")).hasSize(3);
	}

}
