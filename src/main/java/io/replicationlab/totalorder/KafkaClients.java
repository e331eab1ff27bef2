package io.replicationlab.totalorder;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.stereotype.Component;

/**
 * The relay's producer and the consumer come from Spring Kafka's factories, customized by
 * whatever Spring Boot customizes its own factories with: with Actuator, the Micrometer
 * listeners of {@code KafkaMetricsAutoConfiguration}, which bind Kafka's client metrics
 * ({@code kafka.producer.*}, {@code kafka.consumer.*}: request latency, record send rate,
 * lag, ...) to each client a factory creates and unbind them when it is closed, so a
 * client recreated after a failure leaves no stale meters behind.
 * <p>
 * Factories of their own rather than Boot's beans: the relay's producer is idempotent and
 * non-transactional, and the consumer belongs to no group, whatever
 * {@code spring.kafka.*} says for other clients. The settings still start from Boot's
 * ({@code KafkaProperties}: the bootstrap servers the lab hands on at start, security).
 */
@Component
class KafkaClients {

	private final List<DefaultKafkaProducerFactoryCustomizer> producerCustomizers;

	private final List<DefaultKafkaConsumerFactoryCustomizer> consumerCustomizers;

	KafkaClients(ObjectProvider<DefaultKafkaProducerFactoryCustomizer> producerCustomizers,
			ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> consumerCustomizers) {
		this.producerCustomizers = producerCustomizers.orderedStream().toList();
		this.consumerCustomizers = consumerCustomizers.orderedStream().toList();
	}

	/**
	 * A factory whose {@code createProducer()} hands out one shared producer until
	 * {@code reset()} closes it (at once: unsent records stay in the outbox) and the next
	 * call starts a new producer session.
	 * @param name the factory's name: the {@code spring.id} tag of its client metrics
	 */
	<K, V> DefaultKafkaProducerFactory<K, V> producers(String name, Map<String, Object> config, Serializer<K> keys,
			Serializer<V> values) {
		DefaultKafkaProducerFactory<K, V> factory = new DefaultKafkaProducerFactory<>(config, keys, values);
		factory.setBeanName(name);
		factory.setPhysicalCloseTimeout(0);
		this.producerCustomizers.forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

	/**
	 * A factory whose {@code createConsumer()} creates a new consumer each time; closing
	 * one unbinds its meters.
	 * @param name the factory's name: the {@code spring.id} tag of its client metrics
	 */
	<K, V> DefaultKafkaConsumerFactory<K, V> consumers(String name, Map<String, Object> config, Deserializer<K> keys,
			Deserializer<V> values) {
		DefaultKafkaConsumerFactory<K, V> factory = new DefaultKafkaConsumerFactory<>(config, keys, values);
		factory.setBeanName(name);
		this.consumerCustomizers.forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

}
