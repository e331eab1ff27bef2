package io.replicationlab.totalorder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Creates the relay's producer and the consumer (from the properties Spring Boot builds,
 * see {@code KafkaProperties}) with Micrometer's Kafka client metrics bound to each
 * ({@code kafka_producer_*}, {@code kafka_consumer_*}: request latency, record send rate,
 * lag, ...), and unbinds them when a client is closed, so a client recreated after a
 * failure does not leave stale meters behind.
 * <p>
 * Plain clients rather than Spring Kafka's factories: the relay closes its producer after
 * a failure to start a new idempotent session, which a factory's shared producer would
 * not do.
 */
@Component
class KafkaClients {

	private final MeterRegistry registry;

	private final Map<Object, KafkaClientMetrics> metrics = new ConcurrentHashMap<>();

	KafkaClients(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry.getIfAvailable();
	}

	<K, V> Producer<K, V> producer(Map<String, Object> config, Serializer<K> keys, Serializer<V> values) {
		KafkaProducer<K, V> producer = new KafkaProducer<>(config, keys, values);
		bind(producer, new KafkaClientMetrics(producer));
		return producer;
	}

	<K, V> Consumer<K, V> consumer(Map<String, Object> config, Deserializer<K> keys, Deserializer<V> values) {
		KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values);
		bind(consumer, new KafkaClientMetrics(consumer));
		return consumer;
	}

	/** Unbinds the client's meters; call before closing it. */
	void closing(Object client) {
		KafkaClientMetrics bound = this.metrics.remove(client);
		if (bound != null) {
			bound.close();
		}
	}

	private void bind(Object client, KafkaClientMetrics clientMetrics) {
		if (this.registry != null) {
			clientMetrics.bindTo(this.registry);
			this.metrics.put(client, clientMetrics);
		}
	}

}
