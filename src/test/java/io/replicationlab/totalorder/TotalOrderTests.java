package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.replicationlab.peers.Partition;
import io.replicationlab.peers.PartitionTable;
import io.replicationlab.testing.Concurrently;
import io.replicationlab.testing.Http;
import io.replicationlab.testing.InJvmReplica;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas in this JVM and one real embedded KRaft broker for the whole class.
 * Every test ends by checking agreement: the three applied logs are the same sequence of
 * (op id, outcome), so each test also re-checks the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TotalOrderTests {

	private static final String TOPIC = "replication-log";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@AutoClose
	private final BrokerAndReplicas cluster = new BrokerAndReplicas(Map.of(), "r1", "r2", "r3");

	private final List<InJvmReplica> replicas = this.cluster.replicas;

	@AfterEach
	void healEveryReplica() {
		this.replicas.forEach(TotalOrderTests::heal);
	}

	@Test
	void concurrentWritesToAllReplicasAreAppliedInOneOrderWhileTheWalsDiffer() throws Exception {
		List<UUID> written = Collections.synchronizedList(new ArrayList<>());
		Concurrently.run(6, (t) -> {
			for (int i = 0; i < 15; i++) {
				UUID opId = UUID.randomUUID();
				String key = "color-" + ThreadLocalRandom.current().nextInt(4);
				Http.Response response = write(this.replicas.get((t + i) % 3), key, "t" + t + "-" + i, opId,
						(i % 2 == 0) ? null : "durable");
				// 202 is a correct answer too when applying takes longer than the
				// (short) await timeout
				assertThat(response.status()).isIn(200, 202);
				written.add(opId);
			}
		});
		List<List<String>> logs = awaitAgreement(written);
		assertThat(logs.get(0)).hasSizeGreaterThanOrEqualTo(written.size());
		assertThat(this.replicas.stream().map(TotalOrderTests::digest).distinct()).hasSize(1);
		Set<List<String>> walOrders = new HashSet<>();
		for (InJvmReplica replica : this.replicas) {
			List<String> wal = walOpIds(replica);
			walOrders.add(wal.stream().filter((id) -> written.contains(UUID.fromString(id))).toList());
		}
		assertThat(walOrders).as("the WALs record local orders, which differ").hasSizeGreaterThan(1);
		await().atMost(PATIENCE).untilAsserted(() -> {
			Set<String> positions = new HashSet<>();
			for (InJvmReplica replica : this.replicas) {
				JsonNode position = replica.http().getJson("/api/replica").get("modes").get("total-order");
				assertThat(position.get("outbox").asLong()).isZero();
				assertThat(position.get("lag").asLong()).isZero();
				positions.add(position.get("consumedOffset").asString());
			}
			assertThat(positions).hasSize(1);
		});
	}

	@Test
	void theKafkaClientsComeFromSpringKafkasFactoriesWithTheirMetricsTaggedByReplica() {
		InJvmReplica r1 = this.replicas.get(0);
		UUID opId = UUID.randomUUID();
		// durable, then awaited: an await=applied answer within the fixture's 1 s
		// timeout is about the machine's load, not about the clients' metrics
		assertThat(write(r1, "metered", "v", opId, "durable").status()).isEqualTo(200);
		await().atMost(PATIENCE)
			.until(() -> r1.http().getJson("/api/replica/ops/" + opId).get("status").asString().equals("applied"));

		// Kafka's own client metrics, bound by Spring Kafka's Micrometer listeners (their
		// spring.id tag names the factory), with the common replica tag
		MeterRegistry registry = r1.bean(MeterRegistry.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(registry.find("kafka.producer.record.send.total").tag("replica", "r1").functionCounters())
				.anySatisfy((sent) -> {
					assertThat(sent.getId().getTag("spring.id")).startsWith("totalorder-relay");
					assertThat(sent.count()).isPositive();
				});
			assertThat(registry.find("kafka.consumer.fetch.manager.records.consumed.total")
				.tag("replica", "r1")
				.functionCounters()).anySatisfy((consumed) -> {
					assertThat(consumed.getId().getTag("spring.id")).startsWith("totalorder-consumer");
					assertThat(consumed.count()).isPositive();
				});
		});
	}

	@Test
	void durableWritesSucceedWhileKafkaIsCutAndAreAppliedOnceEverywhereAfterHealing() {
		this.replicas.forEach((replica) -> impose(replica, new Partition(List.of(), List.of())));
		List<UUID> written = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			UUID opId = UUID.randomUUID();
			Http.Response response = write(this.replicas.get(i % 3), "cut-" + (i % 2), "v" + i, opId, "durable");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo("durable");
			written.add(opId);
		}
		for (InJvmReplica replica : this.replicas) {
			UUID opId = UUID.randomUUID();
			Http.Response response = write(replica, "cut-0", "late-" + replica.id(), opId, "applied");
			assertThat(response.status()).as("durable, not applied in time").isEqualTo(202);
			assertThat(response.json().get("status").asString()).isEqualTo("durable");
			assertThat(replica.http().getJson("/api/replica/ops/" + opId).get("status").asString())
				.isEqualTo("durable");
			written.add(opId);
		}
		this.replicas.forEach(TotalOrderTests::heal);
		awaitAgreement(written);
		for (UUID opId : written) {
			assertThat(this.replicas.get(0).http().getJson("/api/replica/ops/" + opId).get("status").asString())
				.isEqualTo("applied");
		}
	}

	/**
	 * Migration V10 made the WAL the outbox: a data directory from before it, with one op
	 * waiting in the outbox table and one op ordered already, publishes the first once
	 * and never the second.
	 */
	@Test
	void anOpWaitingInTheOutboxOfAnOlderDataDirectoryIsPublishedOnceAfterTheUpgrade() throws Exception {
		Path dataDir = this.cluster.dataDir("r4");
		java.nio.file.Files.createDirectories(dataDir);
		UUID waiting = UUID.randomUUID();
		UUID ordered = UUID.randomUUID();
		org.h2.jdbcx.JdbcDataSource owner = new org.h2.jdbcx.JdbcDataSource();
		owner.setURL("jdbc:h2:file:" + dataDir.resolve("replica"));
		owner.setUser("sa");
		owner.setPassword("");
		org.flywaydb.core.Flyway.configure()
			.dataSource(owner)
			.locations("classpath:db/migration")
			.target("5")
			.load()
			.migrate();
		try (java.sql.Connection connection = owner.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			for (UUID opId : List.of(ordered, waiting)) {
				statement.execute("""
						insert into wal_entry (op_id, mode, origin, source, op_key, op_value, accepted_at, recorded_at)
						values ('%s', 'total-order', 'r4', 'CLIENT', 'upgraded', '%s', current_timestamp,
						current_timestamp)""".formatted(opId, opId));
			}
			statement.execute("insert into total_order_ordered (op_id, kafka_offset, ordered_at) values ('%s', 0, "
				.formatted(ordered) + "current_timestamp)");
			statement.execute("insert into total_order_outbox (lsn, op_id) values (2, '%s')".formatted(waiting));
		}
		try (InJvmReplica r4 = BrokerAndReplicas.startReplica("r4", dataDir, this.cluster.brokers())) {
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(this.replicas.get(0).http().get("/api/replica/ops/" + waiting).status())
					.isEqualTo(200));
			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(r4.http().getJson("/api/replica/ops/" + waiting).get("status").asString())
					.isEqualTo("applied");
				assertThat(r4.http().getJson("/api/replica").get("modes").get("total-order").get("outbox").asLong())
					.isZero();
			});
			assertThat(r4.http().getJson("/api/replica/ops/" + ordered).get("status").asString()).isEqualTo("ordered");
		}
		assertThat(this.replicas.get(0).http().get("/api/replica/ops/" + ordered).status())
			.as("an op ordered before the upgrade is not published again")
			.isEqualTo(404);
		awaitAgreement(List.of(waiting));
	}

	@Test
	void aReplicaRestartedMidStreamResumesFromItsStoredPosition() throws Exception {
		List<UUID> written = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger count = new AtomicInteger();
		ExecutorService writer = Executors.newSingleThreadExecutor();
		Future<?> stream = writer.submit(() -> {
			for (int i = 0; i < 60; i++) {
				UUID opId = UUID.randomUUID();
				Http.Response response = write(this.replicas.get(i % 2), "restart-" + (i % 3), "v" + i, opId,
						"durable");
				assertThat(response.status()).isEqualTo(200);
				written.add(opId);
				count.incrementAndGet();
			}
		});
		try {
			await().atMost(PATIENCE).until(() -> count.get() >= 15);
			InJvmReplica r3 = this.replicas.get(2);
			r3.close();
			await().atMost(PATIENCE).until(() -> count.get() >= 35 || stream.isDone());
			this.replicas.set(2, BrokerAndReplicas.startReplica(r3.id(), r3.dataDir(), this.cluster.brokers()));
			stream.get();
		}
		finally {
			writer.shutdown();
		}
		awaitAgreement(written);
	}

	@Test
	void aSecondPublishOfTheSameOpIsSkippedAsDuplicateEverywhere() throws Exception {
		UUID opId = UUID.randomUUID();
		Http.Response response = write(this.replicas.get(0), "dup", "once", opId, "applied");
		assertThat(response.status()).isEqualTo(200);
		long offset = response.json().get("offset").asLong();
		long lsn = response.json().get("lsn").asLong();
		Http.Response retry = write(this.replicas.get(0), "dup", "once", opId, "applied");
		assertThat(retry.status()).as("an idempotent retry").isEqualTo(200);
		assertThat(retry.json().get("lsn").asLong()).isEqualTo(lsn);
		await().atMost(PATIENCE)
			.until(() -> this.replicas.get(1).http().get("/api/replica/ops/" + opId).status() == 200);
		Http.Response retryElsewhere = write(this.replicas.get(1), "dup", "once", opId, "applied");
		assertThat(retryElsewhere.status()).as("a retry at a replica that consumed the op").isEqualTo(200);
		assertThat(retryElsewhere.json().get("offset").asLong()).isEqualTo(offset);
		byte[] value = readRecord(offset).value();
		publishRaw(opId.toString(), value);
		awaitAgreement(List.of(opId));
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (InJvmReplica replica : this.replicas) {
				assertThat(outcomesOf(replica, opId)).containsExactly("APPLIED", "DUPLICATE");
			}
		});
		awaitAgreement(List.of(opId));
	}

	@Test
	void anUnparseableRecordIsRejectedEverywhereAndConsumptionContinues() throws Exception {
		long offset = publishRaw("garbage", "{not json".getBytes(StandardCharsets.UTF_8));
		UUID after = UUID.randomUUID();
		Http.Response ordered = write(this.replicas.get(1), "after-garbage", "fine", after, "ordered");
		assertThat(ordered.status()).isEqualTo(200);
		assertThat(ordered.json().get("status").asString()).isIn("ordered", "applied");
		assertThat(ordered.json().get("offset").asLong()).isGreaterThan(offset);
		UUID rejected = OrderedApplier.rejectedOpId(TOPIC, offset);
		awaitAgreement(List.of(after, rejected));
		for (InJvmReplica replica : this.replicas) {
			assertThat(outcomesOf(replica, rejected)).containsExactly("REJECTED");
			assertThat(outcomesOf(replica, after)).containsExactly("APPLIED");
		}
	}

	@Test
	void anOpIdReusedOnAnotherReplicaForADifferentWriteIsAConflictNeverASilentDuplicate() {
		InJvmReplica r1 = this.replicas.get(0);
		InJvmReplica r2 = this.replicas.get(1);
		Partition onlyR3ReachesKafka = new Partition(List.of(), List.of("r3"));
		impose(r1, onlyR3ReachesKafka);
		impose(r2, onlyR3ReachesKafka);
		UUID conflict = UUID.randomUUID();
		UUID retried = UUID.randomUUID();
		assertThat(write(r1, "reused", "from-r1", conflict, "durable").status()).isEqualTo(200);
		assertThat(write(r2, "reused", "from-r2", conflict, "durable").status()).isEqualTo(200);
		assertThat(write(r1, "retried", "same", retried, "durable").status()).isEqualTo(200);
		assertThat(write(r2, "retried", "same", retried, "durable").status()).isEqualTo(200);
		heal(r1);
		await().atMost(PATIENCE)
			.until(() -> outcomesOf(this.replicas.get(2), conflict).equals(List.of("APPLIED"))
					&& outcomesOf(this.replicas.get(2), retried).equals(List.of("APPLIED")));
		heal(r2);
		awaitAgreement(List.of(conflict, retried));
		await().atMost(PATIENCE).untilAsserted(() -> {
			for (InJvmReplica replica : this.replicas) {
				assertThat(outcomesOf(replica, conflict)).as("on " + replica.id())
					.containsExactly("APPLIED", "REJECTED");
				// r2 publishes its copy only if its relay runs before its consumer reads
				// r1's copy (which makes the
				// second publish needless): either way one APPLIED, and the same log
				// everywhere
				assertThat(outcomesOf(replica, retried)).as("on " + replica.id())
					.isIn(List.of("APPLIED"), List.of("APPLIED", "DUPLICATE"));
				assertThat(replica.http().getJson("/api/total-order/kv/reused").get("values").get(0).asString())
					.isEqualTo("from-r1");
			}
		});
		JsonNode lost = r2.http().getJson("/api/replica/ops/" + conflict);
		assertThat(lost.get("status").asString()).as("r2's value was never applied").isNotEqualTo("applied");
		assertThat(lost.get("outcome").asString()).isEqualTo("REJECTED");
		Http.Response retry = write(r2, "reused", "from-r2", conflict, "applied");
		assertThat(retry.status()).isEqualTo(409);
		assertThat(retry.json().get("title").asString()).isNotBlank();
		Http.Response winner = write(r1, "reused", "from-r1", conflict, "applied");
		assertThat(winner.status()).isEqualTo(200);
		assertThat(winner.json().get("status").asString()).isEqualTo("applied");
		Http.Response first = write(r1, "retried", "same", retried, "applied");
		Http.Response second = write(r2, "retried", "same", retried, "applied");
		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("status").asString()).isEqualTo("applied");
		assertThat(second.json().get("offset").asLong()).as("one logical write, applied at one offset")
			.isEqualTo(first.json().get("offset").asLong());
	}

	@Test
	void recordsThatParseButCannotBeAppliedAreRejectedEverywhereAndTheOrderGoesOn() throws Exception {
		String at = "\"acceptedAt\":\"2026-11-29T13:05:07Z\"";
		List<String> bad = List.of(
				"{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r1\",\"key\":\"far\",\"value\":\"v\","
						+ "\"originLsn\":1,\"acceptedAt\":\"+1000000000-01-01T00:00:00Z\"}",
				"{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r1\",\"key\":\"a b\",\"value\":\"v\","
						+ "\"originLsn\":1," + at + "}",
				"{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r1\",\"key\":\"big\",\"value\":\""
						+ "\u00e9".repeat(40_000) + "\",\"originLsn\":1," + at + "}",
				"{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r1\",\"key\":\"no-value\"," + "\"originLsn\":1,"
						+ at + "}");
		List<UUID> rejected = new ArrayList<>();
		for (String record : bad) {
			rejected
				.add(OrderedApplier.rejectedOpId(TOPIC, publishRaw("bad", record.getBytes(StandardCharsets.UTF_8))));
		}
		UUID after = UUID.randomUUID();
		Http.Response applied = write(this.replicas.get(2), "after-bad", "fine", after, "applied");
		assertThat(applied.status()).as("a later write is applied").isEqualTo(200);
		List<UUID> expected = new ArrayList<>(rejected);
		expected.add(after);
		awaitAgreement(expected);
		for (InJvmReplica replica : this.replicas) {
			for (UUID opId : rejected) {
				assertThat(outcomesOf(replica, opId)).containsExactly("REJECTED");
			}
		}
	}

	@Test
	void aRecordAcceptedAtTheEdgeOfTimeIsAppliedEverywhereAndTheOrderGoesOn() throws Exception {
		// found by the fuzzer (seed 10957438742665): timing a 2,026-year apply latency
		// overflowed a long of
		// nanoseconds, the apply threw on every replica, and the consumer retried the
		// same record for ever
		List<UUID> edges = new ArrayList<>();
		for (String acceptedAt : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")) {
			UUID opId = UUID.randomUUID();
			String record = "{\"opId\":\"" + opId + "\",\"origin\":\"r9\",\"key\":\"edge\",\"value\":\"" + acceptedAt
					+ "\",\"originLsn\":1,\"acceptedAt\":\"" + acceptedAt + "\"}";
			publishRaw("edge", record.getBytes(StandardCharsets.UTF_8));
			edges.add(opId);
		}
		UUID after = UUID.randomUUID();
		Http.Response applied = write(this.replicas.get(1), "after-edge", "fine", after, "applied");
		assertThat(applied.status()).as("a later write is applied").isEqualTo(200);
		List<UUID> expected = new ArrayList<>(edges);
		expected.add(after);
		awaitAgreement(expected);
		for (InJvmReplica replica : this.replicas) {
			for (UUID opId : edges) {
				assertThat(outcomesOf(replica, opId)).as("on " + replica.id()).containsExactly("APPLIED");
			}
		}
	}

	@Test
	void fuzzedRecordsNeverStopTheOrderAndEveryReplicaDecidesAlike() throws Exception {
		long seed = Long.getLong("fuzz.seed", System.nanoTime());
		System.out.println("TotalOrderTests fuzz seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
		RecordFuzzer fuzzer = new RecordFuzzer(seed);
		for (int i = 0; i < 80; i++) {
			publishRaw("fuzz", fuzzer.next());
		}
		UUID after = UUID.randomUUID();
		Http.Response applied = write(this.replicas.get(0), "after-fuzz", "fine", after, "applied");
		assertThat(applied.status()).as("seed %d: a later write is applied", seed).isEqualTo(200);
		awaitAgreement(List.of(after));
	}

	@Test
	void aTopicWithTwoPartitionsMakesTheReplicaRefuseToStart() {
		this.cluster.broker().addTopics(new NewTopic("two-partitions", 2, (short) 1));
		assertThatThrownBy(() -> BrokerAndReplicas.startReplica("r9", this.cluster.dataDir("r9"),
				this.cluster.brokers(), "totalorder.topic=two-partitions"))
			.hasStackTraceContaining("Topic 'two-partitions' has 2 partitions")
			.hasStackTraceContaining("total order needs exactly one partition");
	}

	@Test
	void aReplicaStartsAndTakesDurableWritesWhileTheBrokerIsUnreachable() {
		try (InJvmReplica lonely = BrokerAndReplicas.startReplica("r8", this.cluster.dataDir("r8"), "localhost:1",
				"totalorder.startup-check-timeout=1s", "totalorder.request-timeout=1s")) {
			UUID durable = UUID.randomUUID();
			Http.Response response = write(lonely, "offline", "safe", durable, "durable");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo("durable");
			Http.Response applied = write(lonely, "offline", "later", UUID.randomUUID(), null);
			assertThat(applied.status()).isEqualTo(202);
			assertThat(applied.json().get("status").asString()).isEqualTo("durable");
			JsonNode kafka = lonely.http().get("/actuator/health/kafka").json();
			assertThat(kafka.get("status").asString()).isEqualTo("DEGRADED");
			assertThat(kafka.get("details").get("outbox").asLong()).isEqualTo(2);
			assertThat(lonely.http().getJson("/api/local/kv").get("replica").asString()).isEqualTo("r8");
		}
	}

	/**
	 * Waits until every replica has applied every expected op and the three applied logs
	 * are one sequence, then checks integrity (no op applied twice; DUPLICATE and
	 * REJECTED rows apply nothing) and equal digests; returns the logs as "opId outcome"
	 * lines.
	 */
	private List<List<String>> awaitAgreement(List<UUID> expected) {
		List<List<String>> logs = new ArrayList<>();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			logs.clear();
			for (InJvmReplica replica : this.replicas) {
				logs.add(replica.applied("total-order")
					.stream()
					.map((row) -> row.get("opId").asString() + " " + row.get("outcome").asString())
					.toList());
			}
			for (List<String> log : logs) {
				Set<String> ids = new HashSet<>(log.stream().map((line) -> line.split(" ")[0]).toList());
				assertThat(ids).containsAll(expected.stream().map(UUID::toString).toList());
			}
			assertThat(logs.get(1)).isEqualTo(logs.get(0));
			assertThat(logs.get(2)).isEqualTo(logs.get(0));
		});
		List<String> firstOutcomes = logs.get(0)
			.stream()
			.filter((line) -> !line.endsWith(" DUPLICATE") && !line.endsWith(" REJECTED"))
			.map((line) -> line.split(" ")[0])
			.toList();
		assertThat(firstOutcomes).as("integrity: no op applied twice").doesNotHaveDuplicates();
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.replicas.stream().map(TotalOrderTests::digest).distinct()).hasSize(1));
		return logs;
	}

	private static List<String> outcomesOf(InJvmReplica replica, UUID opId) {
		return replica.applied("total-order")
			.stream()
			.filter((row) -> row.get("opId").asString().equals(opId.toString()))
			.map((row) -> row.get("outcome").asString())
			.toList();
	}

	private ConsumerRecord<byte[], byte[]> readRecord(long offset) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(TOPIC, 0);
			consumer.assign(List.of(partition));
			consumer.seek(partition, offset);
			List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
			await().atMost(PATIENCE).until(() -> {
				consumer.poll(Duration.ofMillis(200)).records(partition).forEach(found::add);
				return !found.isEmpty();
			});
			assertThat(found.get(0).offset()).isEqualTo(offset);
			return found.get(0);
		}
	}

	private long publishRaw(String key, byte[] value) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.cluster.brokers());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			return producer.send(new ProducerRecord<>(TOPIC, 0, key.getBytes(StandardCharsets.UTF_8), value))
				.get()
				.offset();
		}
	}

	/**
	 * One replica of these tests, in this JVM: no peers (each knows the others only
	 * through the log), short total-order timeouts.
	 */

	/**
	 * PUT a total-order write with its op id, awaiting {@code await} (null: the default).
	 */
	static Http.Response write(InJvmReplica replica, String key, String value, UUID opId, String await) {
		return replica.http()
			.put("total-order", key + ((await != null) ? "?await=" + await : ""), value, opId.toString());
	}

	private static void impose(InJvmReplica replica, Partition partition) {
		replica.bean(PartitionTable.class).impose(partition);
	}

	private static void heal(InJvmReplica replica) {
		replica.bean(PartitionTable.class).heal();
	}

	private static String digest(InJvmReplica replica) {
		return replica.http().getJson("/api/total-order/kv").get("digest").asString();
	}

	/** The op ids of the total-order WAL in local order. */
	private static List<String> walOpIds(InJvmReplica replica) {
		return replica.wal("total-order").stream().map((row) -> row.get("opId").asString()).toList();
	}

}
