package io.replicationlab.totalorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.worker.Worker;
import io.replicationlab.worker.Workers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this replica can use Kafka now: the broker answers and the topic exists with exactly one partition.
 * <p>
 * The replica never waits for the broker to start: at startup the check gets {@code startup-check-timeout}; a broker
 * that does not answer in time only leaves the link {@code UNREACHABLE} (total-order writes are then durable, not
 * ordered). A topic with more than one partition found at startup fails the startup, since total order needs one
 * partition. Afterwards a thread re-checks every {@code check-interval} (sooner when the relay or the consumer suspect
 * trouble); a bad topic found then, for example one recreated while the replica ran, stops the relay and the consumer
 * (the state is {@code BAD_TOPIC}, logged once and shown by the {@code kafka} health indicator) while the replica keeps
 * serving every mode; they resume by themselves once the topic is fixed. A missing topic is created (one partition,
 * {@code replication-factor}). State changes are logged once each, not once per attempt.
 */
@Component
class KafkaLink implements SmartLifecycle {

	enum State {

		/** Not checked yet. */
		STARTING,
		/** The broker answers and the topic has one partition. */
		REACHABLE,
		/** The broker does not answer (or the topic could not be created). */
		UNREACHABLE,
		/** The partition table says this replica does not reach Kafka. */
		CUT,
		/** The topic exists with more than one partition. */
		BAD_TOPIC

	}

	/** The link's state, since when, and why. */
	record Status(State state, String detail, Instant since) {
	}

	private static final Logger log = LoggerFactory.getLogger(KafkaLink.class);

	private final TotalOrderProperties properties;

	private final Map<String, Object> adminConfig;

	private final PartitionTable partitions;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile Status status;

	private volatile Integer topicPartitions;

	private volatile boolean running;

	private Thread thread;

	private Admin admin;

	private final Worker worker;

	KafkaLink(TotalOrderProperties properties, KafkaProperties kafka, PartitionTable partitions, Clock clock,
			Workers workers) {
		this.worker = workers.register("totalorder-link", false);
		this.properties = properties;
		this.partitions = partitions;
		this.clock = clock;
		this.adminConfig = new HashMap<>(kafka.buildAdminProperties());
		int timeout = (int) properties.requestTimeout().toMillis();
		this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
		this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "totalorder-admin");
		this.status = new Status(State.STARTING, "not checked yet", clock.instant());
	}

	Status status() {
		return this.status;
	}

	/** The topic's partition count at the last check that described it (empty before one did). */
	OptionalInt topicPartitions() {
		Integer count = this.topicPartitions;
		return (count != null) ? OptionalInt.of(count) : OptionalInt.empty();
	}

	/** Whether the relay may publish and the consumer may poll now. */
	boolean usable() {
		boolean reaches = this.partitions.reachesKafka();
		if (reaches && this.status.state() == State.CUT) {
			suspect(); // healed: check now rather than at the next interval
		}
		return reaches && this.status.state() == State.REACHABLE;
	}

	/** Asks for a check soon, because a publish or a poll failed. */
	void suspect() {
		this.wakeUps.release();
	}

	@Override
	public void start() {
		Status first = check(this.properties.startupCheckTimeout());
		if (first.state() == State.BAD_TOPIC) {
			closeAdmin();
			throw new IllegalStateException(first.detail());
		}
		this.running = true;
		this.thread = new Thread(this::checkLoop, "totalorder-link");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void checkLoop() {
		this.worker.running();
		while (this.running) {
			try {
				this.wakeUps.tryAcquire(this.properties.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUps.drainPermits();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.worker.down(ex);
				return;
			}
			if (this.running) {
				this.worker.survive(() -> check(this.properties.requestTimeout()));
			}
		}
		this.worker.stopped();
	}

	private synchronized Status check(Duration timeout) {
		Status next;
		if (!this.partitions.reachesKafka()) {
			next = new Status(State.CUT, "the partition in force cuts this replica off Kafka", null);
		}
		else {
			next = inspectTopic(timeout);
		}
		return transition(next);
	}

	private Status inspectTopic(Duration timeout) {
		String topic = this.properties.topic();
		try {
			if (this.admin == null) {
				this.admin = Admin.create(this.adminConfig);
			}
			TopicDescription description;
			try {
				description = this.admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(timeout.toMillis(), TimeUnit.MILLISECONDS)
					.get(topic);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
				createTopic(timeout);
				this.topicPartitions = 1;
				return new Status(State.REACHABLE, "created topic '" + topic + "' with one partition", null);
			}
			int partitionCount = description.partitions().size();
			this.topicPartitions = partitionCount;
			if (partitionCount != 1) {
				return new Status(State.BAD_TOPIC, "Topic '" + topic + "' has " + partitionCount
						+ " partitions, but total order needs exactly one partition (Kafka orders records only "
						+ "within a partition). Delete the topic so that it is created with one partition, or set "
						+ "totalorder.topic to a topic with one partition.", null);
			}
			return new Status(State.REACHABLE, "topic '" + topic + "' has one partition", null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Status(State.UNREACHABLE, "interrupted", null);
		}
		catch (Exception ex) {
			closeAdmin();
			Throwable cause = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			return new Status(State.UNREACHABLE, "broker unreachable: " + cause, null);
		}
	}

	private void createTopic(Duration timeout) throws Exception {
		try {
			this.admin.createTopics(List.of(new NewTopic(this.properties.topic(), 1, this.properties.replicationFactor())))
				.all()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			log.info("Created topic '{}' with one partition and replication factor {}", this.properties.topic(),
					this.properties.replicationFactor());
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
			// another replica created it meanwhile; its partition count is checked on the next round
		}
	}

	private Status transition(Status next) {
		Status previous = this.status;
		if (previous.state() == next.state()) {
			return previous;
		}
		Status stamped = new Status(next.state(), next.detail(), this.clock.instant());
		this.status = stamped;
		switch (next.state()) {
			case REACHABLE -> log.info("Kafka link {} -> REACHABLE: {}", previous.state(), next.detail());
			case BAD_TOPIC -> log.error("Kafka link {} -> BAD_TOPIC: {} total-order writes stay durable but are "
					+ "not ordered until the topic is fixed", previous.state(), next.detail());
			default -> log.warn("Kafka link {} -> {}: {}; total-order writes are durable but not ordered until it "
					+ "returns", previous.state(), next.state(), next.detail());
		}
		return stamped;
	}

	private void closeAdmin() {
		if (this.admin != null) {
			this.admin.close(Duration.ZERO);
			this.admin = null;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.wakeUps.release();
		if (this.thread != null) {
			try {
				this.thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this) {
			closeAdmin();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Checks before the relay and the consumer start (and stops after them). */
	@Override
	public int getPhase() {
		return TotalOrderPhases.LINK;
	}

}
