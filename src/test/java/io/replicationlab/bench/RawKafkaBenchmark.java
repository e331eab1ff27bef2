package io.replicationlab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The reference limits of the broker, measured on the lab's own broker: the code of
 * Kafka's {@code ProducerPerformance} (asynchronous sends, {@code acks=all}, idempotence,
 * one partition, fixed record size) and of its {@code EndToEndLatency} tool (send one
 * record, wait until a consumer sees it, repeat).
 */
final class RawKafkaBenchmark {

	private RawKafkaBenchmark() {
	}

	static String freshTopic(String bootstrap) throws Exception {
		String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		return topic;
	}

	/**
	 * Records per second acknowledged by the broker, {@code records} asynchronous sends
	 * of {@code size} bytes.
	 */
	static double producerRecordsPerSecond(String bootstrap, int records, int size) throws Exception {
		String topic = freshTopic(bootstrap);
		byte[] payload = new byte[size];
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
			CountDownLatch acked = new CountDownLatch(records);
			long start = System.nanoTime();
			for (int i = 0; i < records; i++) {
				producer.send(new ProducerRecord<>(topic, payload), (metadata, error) -> acked.countDown());
			}
			if (!acked.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException("broker did not acknowledge " + records + " records in 120 s");
			}
			return records / ((System.nanoTime() - start) / 1e9);
		}
	}

	/**
	 * Milliseconds from send to seen by a consumer, one record at a time, {@code records}
	 * times.
	 */
	static List<Double> endToEndLatenciesMillis(String bootstrap, int records, int size) throws Exception {
		String topic = freshTopic(bootstrap);
		byte[] payload = new byte[size];
		Properties consumerConfig = new Properties();
		consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 0);
		List<Double> latencies = new ArrayList<>(records);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(bootstrap));
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToEnd(List.of(partition));
			consumer.position(partition);
			for (int i = 0; i < records; i++) {
				long start = System.nanoTime();
				producer.send(new ProducerRecord<>(topic, payload)).get();
				int seen = 0;
				while (seen == 0) {
					ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
					seen = polled.count();
				}
				latencies.add((System.nanoTime() - start) / 1e6);
			}
		}
		Collections.sort(latencies);
		return latencies;
	}

	private static Properties producerConfig(String bootstrap) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return config;
	}

}
