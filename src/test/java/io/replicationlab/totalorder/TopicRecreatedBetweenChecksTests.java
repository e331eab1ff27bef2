package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import io.replicationlab.peers.Partition;
import io.replicationlab.peers.PartitionTable;
import io.replicationlab.testing.Http;
import io.replicationlab.testing.InJvmReplica;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's own question before each batch, not the link's periodic check, keeps a
 * replica from applying a topic created again: the replica checks the link only at
 * startup (an hour between checks), the topic is deleted and created again with more
 * records than the replica consumed while its consumer does not poll, and the consumer,
 * once its metadata names the new topic, fetches records past its position from a log
 * that is not its own. It halts and applies none of them.
 */
class TopicRecreatedBetweenChecksTests {

	private static final String TOPIC = "replication-log";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@AutoClose
	private final BrokerAndReplicas cluster = new BrokerAndReplicas(Map.of("auto.create.topics.enable", "false"));

	@Test
	void recordsOfATopicCreatedAgainBetweenTwoChecksAreNeverApplied() throws Exception {
		InJvmReplica r1 = InJvmReplica.start("r1", this.cluster.dataDir("r1"),
				"spring.kafka.bootstrap-servers=" + this.cluster.brokers(), "totalorder.await-timeout=1s",
				"totalorder.check-interval=1h", "totalorder.poll-timeout=100ms");
		this.cluster.replicas.add(r1);
		for (int i = 0; i < 3; i++) {
			assertThat(TotalOrderTests.write(r1, "history", "v" + i, UUID.randomUUID(), "durable").status())
				.isEqualTo(200);
		}
		await().atMost(PATIENCE).until(() -> r1.applied("total-order").size() == 3);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers()));
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers(),
								ProducerConfig.LINGER_MS_CONFIG, 500),
						new ByteArraySerializer(), new ByteArraySerializer())) {
			// the consumer stops polling (its metadata still names the old topic) until
			// the new topic holds more records than r1 consumed; no check of the link
			// runs
			// meanwhile, so nothing but the consumer's own question can notice
			r1.bean(PartitionTable.class).impose(new Partition(List.of(), List.of()));
			admin.deleteTopics(List.of(TOPIC)).all().get();
			await().atMost(PATIENCE).until(() -> !admin.listTopics().names().get().contains(TOPIC));
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
			// one produce request: the new log jumps from 0 to 6 records, past r1's
			// position 3
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String json = "{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r9\",\"key\":\"history\","
						+ "\"value\":\"foreign-" + i + "\",\"originLsn\":" + (i + 1)
						+ ",\"acceptedAt\":\"2026-11-29T13:05:07Z\"}";
				sends.add(producer.send(new ProducerRecord<>(TOPIC, 0, null, json.getBytes(StandardCharsets.UTF_8))));
			}
			producer.flush();
			for (Future<RecordMetadata> send : sends) {
				send.get();
			}
		}
		r1.bean(PartitionTable.class).heal();
		await().atMost(PATIENCE).untilAsserted(() -> {
			Http.Response health = r1.http().get("/actuator/health/kafka");
			assertThat(health.json().get("status").asString()).isEqualTo("HALTED");
		});
		assertThat(r1.applied("total-order")).hasSize(3);
		assertThat(r1.http().getJson("/api/total-order/kv/history").get("values").get(0).asString()).isEqualTo("v2");
	}

}
