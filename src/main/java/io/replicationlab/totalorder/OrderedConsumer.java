package io.replicationlab.totalorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.micrometer.tracing.Span;
import io.replicationlab.wal.GroupCommit;
import io.replicationlab.worker.Workers;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The one thread that reads the topic's single partition and applies it, batch by batch,
 * each batch in one {@code GroupCommit} unit.
 * <p>
 * It uses a plain consumer that is {@code assign}ed the partition and {@code seek}s to
 * the position stored in the database: no consumer group, no offset commits. After any
 * failure the consumer is closed and a new one seeks to the stored position again, so a
 * batch whose commit failed is read again, never skipped. It does not poll while
 * {@link KafkaLink#usable()} is false. Offsets out of range
 * ({@code auto.offset.reset=none}: the records at the stored position were deleted, or
 * the topic recreated) are reported, never silently skipped, and make the link check the
 * log at once (which halts total order).
 * <p>
 * Records of a topic deleted and created again are never applied, whatever their offsets:
 * before a polled batch is applied, the link asks the broker which topic id the topic's
 * name denotes ({@link KafkaLink#confirm}, {@link KafkaLink#sameLog}), and the batch is
 * applied only if it is the identity the consumer polls for. Why that proves the records
 * came from that log: the identity was found good by a check before this consumer was
 * created (it exists only while the link has an identity), so before any fetch it made;
 * the question is sent after the poll returned, so after the broker served every fetch
 * whose records the poll returned (fetched ahead or not). A topic's name denotes one
 * topic id at a time and the broker never hands out a topic id again, so a name that
 * denotes the expected id before a fetch and again after it denoted that id throughout:
 * the fetch read that log. A question sent before the fetch was served would prove
 * nothing (the topic may be created again in between), so every batch gets a question of
 * its own, sent as soon as its poll returns; it runs while the batch is assembled, and no
 * periodic check of the link (several round trips) holds it up.
 */
@Component
class OrderedConsumer extends KafkaClientLoop {

	private static final Logger log = LoggerFactory.getLogger(OrderedConsumer.class);

	private final TotalOrderProperties properties;

	private final Map<String, Object> consumerConfig;

	private final TotalOrderBook book;

	private final OrderedApplier applier;

	private final GroupCommit groupCommit;

	private final KafkaLink link;

	private final Waiters waiters;

	private final TopicPartition partition;

	private volatile Long endOffset;

	private volatile Consumer<String, byte[]> consumer;

	private final RecordTracing tracing;

	/** Creates the consumer after every failure anew (with its client metrics). */
	private final DefaultKafkaConsumerFactory<String, byte[]> consumers;

	OrderedConsumer(TotalOrderProperties properties, KafkaProperties kafka, TotalOrderBook book, OrderedApplier applier,
			GroupCommit groupCommit, KafkaLink link, Waiters waiters, Workers workers, RecordTracing tracing,
			KafkaClients clients) {
		super("totalorder-consumer", properties, link, workers);
		this.tracing = tracing;
		this.properties = properties;
		this.book = book;
		this.applier = applier;
		this.groupCommit = groupCommit;
		this.link = link;
		this.waiters = waiters;
		this.partition = new TopicPartition(properties.topic(), 0);
		this.consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
		this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
		this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.consumerConfig.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) properties.requestTimeout().toMillis());
		this.consumerConfig.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) properties.requestTimeout().toMillis());
		this.consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "totalorder-consumer");
		this.consumers = clients.consumers("totalorder-consumer", this.consumerConfig, new StringDeserializer(),
				new ByteArrayDeserializer());
	}

	/** The partition's end offset as last seen by the consumer, when known. */
	OptionalLong endOffset() {
		Long end = this.endOffset;
		return (end != null) ? OptionalLong.of(end) : OptionalLong.empty();
	}

	@Override
	void round() {
		try {
			pollOnce();
		}
		catch (WakeupException ex) {
			// stop() woke the poll up
			return;
		}
		resetBackoff();
		if (clientWorks()) {
			log.info("Consumer reading '{}' again from offset {}", this.partition, this.book.nextOffset());
		}
	}

	/**
	 * A poll or an apply failed, an Error included: read again from the stored position
	 * after a backoff.
	 */
	@Override
	void roundFailed(Throwable ex) {
		if (clientFailed(ex)) {
			log.warn("Consumer cannot read '{}' ({}); retrying with backoff from the stored position", this.partition,
					ex.toString());
		}
		backOff();
	}

	private void pollOnce() {
		LogIdentity identity = this.link.identity().orElse(null);
		if (identity == null) {
			idle();
			return;
		}
		Consumer<String, byte[]> consumer = consumer();
		ConsumerRecords<String, byte[]> polled = consumer.poll(this.properties.pollTimeout());
		// asked after the poll returned, so after every fetch whose records it returned
		KafkaLink.Confirmation confirmation = polled.isEmpty() ? null : this.link.confirm(identity);
		List<OrderedApplier.Consumed> batch = new ArrayList<>(polled.count());
		for (ConsumerRecord<String, byte[]> record : polled.records(this.partition)) {
			batch.add(new OrderedApplier.Consumed(record.offset(), record.value()));
		}
		if (!batch.isEmpty()) {
			if (!this.link.sameLog(confirmation)) {
				// not applied; read again from the stored position once the link is good,
				// or never if it halted
				closeClient();
				return;
			}
			if (this.applier.pitfallOn(io.replicationlab.replica.Pitfall.POSITION_OUTSIDE_TRANSACTION)) {
				// PITFALL position-outside-transaction: the position commits first, on
				// its own; a crash before the applies commit skips the batch for good
				long next = batch.get(batch.size() - 1).offset() + 1;
				this.groupCommit.execute(() -> {
					this.book.storeNextOffset(next, identity);
					return null;
				});
				inTheWindow();
			}
			List<Span> spans = this.tracing.applying(polled.records(this.partition));
			List<OrderedApplier.Applied> applied;
			try {
				applied = this.groupCommit.execute(() -> this.applier.apply(batch, identity));
			}
			catch (RuntimeException | Error ex) {
				this.tracing.end(spans, ex);
				throw ex;
			}
			this.tracing.end(spans, null);
			applied.forEach((op) -> this.waiters.applied(op.opId(), op.offset()));
		}
		OptionalLong lag = consumer.currentLag(this.partition);
		if (lag.isPresent()) {
			this.endOffset = consumer.position(this.partition) + lag.getAsLong();
		}
	}

	/**
	 * PITFALL position-outside-transaction: the lab widens the window between the
	 * position's commit and the applies'
	 * ({@link io.replicationlab.replica.Pitfall#POSITION_WINDOW}) so that a crash lands
	 * in it; a stop waits for the applies (this loop is not interrupted on stop).
	 */
	private void inTheWindow() {
		try {
			Thread.sleep(io.replicationlab.replica.Pitfall.POSITION_WINDOW.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Consumer<String, byte[]> consumer() {
		if (this.consumer == null) {
			this.consumer = this.consumers.createConsumer();
			this.consumer.assign(List.of(this.partition));
			this.consumer.seek(this.partition, this.book.nextOffset());
		}
		return this.consumer;
	}

	@Override
	void closeClient() {
		if (this.consumer != null) {
			try {
				this.consumer.close(CloseOptions.timeout(Duration.ZERO));
			}
			catch (RuntimeException ex) {
				log.debug("Closing the consumer failed", ex);
			}
			this.consumer = null;
		}
	}

	/** Cuts a poll in progress short, once the loop is told to stop. */
	@Override
	void wakeUpClient() {
		Consumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
	}

}
