package io.replicationlab.totalorder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.micrometer.tracing.Span;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.worker.Workers;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox to the topic in WAL order.
 * <p>
 * The producer is idempotent ({@code acks=all}, {@code enable.idempotence=true}, at most
 * 5 requests in flight), so the broker neither loses nor reorders nor duplicates what one
 * producer session sends. Across sessions (a crash after the send and before the outbox
 * row was removed, or a producer recreated after a failure) an op may be published twice:
 * every replica skips the second occurrence as a duplicate, so the effect stays exactly
 * once. A batch is acknowledged in order; at the first failure the rest of the batch
 * stays in the outbox and is sent again after a backoff. Nothing is published while
 * {@link KafkaLink#usable()} is false (broker unreachable, bad topic, or a partition that
 * cuts this replica off Kafka): the writes wait in the outbox, durable.
 * <p>
 * The relay commits nothing: the offset of an op, and the removal of its outbox row, are
 * recorded by the origin's own consumer in the unit that applies the op (one group-commit
 * unit per write fewer on the origin). Meanwhile the acknowledged offset is known in
 * memory ({@link TotalOrderBook#acknowledged(java.util.UUID, long)}); it wakes an
 * {@code await=ordered} write at once, which records it before it answers, so an answered
 * {@code ordered} survives any restart. The relay remembers the last lsn the current
 * producer session published and reads the outbox after it; after a failure it reads the
 * outbox from its start again, skipping what the broker acknowledged to this process.
 * After a restart an op published but not consumed yet is published again (a duplicate,
 * skipped everywhere).
 */
@Component
class Relay extends KafkaClientLoop {

	private static final Logger log = LoggerFactory.getLogger(Relay.class);

	private final TotalOrderProperties properties;

	private final Map<String, Object> producerConfig;

	private final TotalOrderBook book;

	private final Waiters waiters;

	private Producer<String, OrderedRecord> producer;

	/**
	 * The last lsn the current producer session published and the broker acknowledged; 0:
	 * from the start.
	 */
	private long publishedThrough;

	private final RecordTracing tracing;

	/** Hands out one shared producer until {@link #closeClient()} resets it. */
	private final DefaultKafkaProducerFactory<String, OrderedRecord> producers;

	Relay(TotalOrderProperties properties, KafkaProperties kafka, TotalOrderBook book, KafkaLink link, Waiters waiters,
			Workers workers, RecordTracing tracing, KafkaClients clients) {
		super("totalorder-relay", properties, link, workers);
		this.tracing = tracing;
		this.properties = properties;
		this.book = book;
		this.waiters = waiters;
		this.producerConfig = new HashMap<>(kafka.buildProducerProperties());
		long requestTimeout = properties.requestTimeout().toMillis();
		this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producerConfig.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		this.producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout);
		this.producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) (3 * requestTimeout));
		this.producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, requestTimeout);
		this.producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "totalorder-relay");
		this.producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		this.producers = clients.producers("totalorder-relay", this.producerConfig, new StringSerializer(),
				OrderedRecordCodec.serializer());
	}

	/**
	 * A write added to the outbox: publish soon. Every write nudges after its commit, so
	 * a round that found the outbox shorter than a batch waits for the next nudge (or a
	 * poll timeout) rather than read it again at once.
	 */
	void nudge() {
		wakeUp();
	}

	@Override
	void round() {
		List<WalEntry> batch = this.book.outboxAfter(this.publishedThrough, this.properties.relayBatchSize());
		if (batch.isEmpty()) {
			idle();
			return;
		}
		// after a rewind: what the broker acknowledged to this process is in the log
		// already, and its apply will record it
		List<WalEntry> unacknowledged = batch.stream()
			.filter((entry) -> !this.book.acknowledged(entry.opId()))
			.toList();
		if (publish(unacknowledged) == unacknowledged.size()) {
			this.publishedThrough = batch.get(batch.size() - 1).lsn();
			resetBackoff();
			if (batch.size() < this.properties.relayBatchSize()) {
				// the outbox held no more: a write committed since has nudged, which ends
				// this wait at once, so no query is spent to find the outbox empty
				idle();
			}
		}
		else {
			backOff();
		}
	}

	/**
	 * The database refused (the replica is stopping, or worse), or an Error: retried
	 * after a backoff.
	 */
	@Override
	void roundFailed(Throwable ex) {
		log.error("Relay round failed; retrying after {}", nextBackoff(), ex);
		backOff();
	}

	/**
	 * Publishes the batch, records what the broker acknowledged, and returns how many (a
	 * prefix) it did.
	 */
	private int publish(List<WalEntry> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
		List<Long> offsets = new ArrayList<>(batch.size());
		Exception failure = null;
		List<Span> spans = new ArrayList<>(batch.size());
		try {
			Producer<String, OrderedRecord> producer = producer();
			for (WalEntry entry : batch) {
				ProducerRecord<String, OrderedRecord> record = new ProducerRecord<>(this.properties.topic(), 0,
						entry.opId().toString(), OrderedRecord.of(entry));
				spans.add(this.tracing.publishing(entry.opId(), record.headers()));
				sends.add(producer.send(record));
			}
			for (Future<RecordMetadata> send : sends) {
				offsets.add(send.get().offset());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = ex;
		}
		catch (ExecutionException ex) {
			failure = (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		finally {
			this.tracing.end(spans, (offsets.size() < spans.size()) ? failure : null);
		}
		if (!offsets.isEmpty()) {
			// no commit here: the origin's consumer records the offset in the unit that
			// applies the op
			this.publishedThrough = batch.get(offsets.size() - 1).lsn();
			for (int i = 0; i < offsets.size(); i++) {
				this.book.acknowledged(batch.get(i).opId(), offsets.get(i));
				this.waiters.ordered(batch.get(i).opId(), offsets.get(i));
			}
		}
		if (failure != null) {
			if (clientFailed(failure)) {
				log.warn("Relay cannot publish to topic '{}' ({}); the ops stay in the outbox, durable, and are "
						+ "retried with backoff", this.properties.topic(), failure.toString());
			}
		}
		else if (clientWorks()) {
			log.info("Relay publishing again");
		}
		return offsets.size();
	}

	private Producer<String, OrderedRecord> producer() {
		if (this.producer == null) {
			this.producer = this.producers.createProducer();
		}
		return this.producer;
	}

	@Override
	void closeClient() {
		this.publishedThrough = 0;
		if (this.producer != null) {
			// closes the shared producer at once: the next one starts a new idempotent
			// session (a fenced or broken one never recovers)
			this.producers.reset();
			this.producer = null;
		}
	}

}
