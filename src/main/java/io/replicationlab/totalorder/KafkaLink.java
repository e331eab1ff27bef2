package io.replicationlab.totalorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.worker.WorkerLoop;
import io.replicationlab.worker.Workers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this replica can use Kafka now: the broker answers and the topic exists with
 * exactly one partition.
 * <p>
 * The replica never waits for the broker to start: at startup the check gets
 * {@code startup-check-timeout}; a broker that does not answer in time only leaves the
 * link {@code UNREACHABLE} (total-order writes are then durable, not ordered). A topic
 * with more than one partition found at startup fails the startup, since total order
 * needs one partition. Afterwards a thread re-checks every {@code check-interval} (sooner
 * when the relay or the consumer suspect trouble); a bad topic found then, for example
 * one recreated while the replica ran, stops the relay and the consumer (the state is
 * {@code BAD_TOPIC}, logged once and shown by the {@code kafka} health indicator) while
 * the replica keeps serving every mode; they resume by themselves once the topic is
 * fixed. State changes are logged once each, not once per attempt.
 * <p>
 * The log is the history, so a replica never applies from a log it does not recognise
 * ({@link LogGuard}): when the topic's identity (cluster id, topic id) differs from the
 * one stored with the position, when the stored position is outside the log, or when the
 * topic is gone while the replica holds a position in it, the link is {@code HALTED}: the
 * relay and the consumer stop, writes stay durable, and health says why. A halt lasts
 * until the process restarts (which checks again from scratch): a log that lost records
 * may grow past the position again, and must not then look fine. A missing topic is
 * created (one partition, {@code replication-factor}, {@code retention.ms=-1},
 * {@code min.insync.replicas=2} from three replicas up) only by a replica that has never
 * consumed it.
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
		BAD_TOPIC,
		/**
		 * The log is not the one this replica's position belongs to: nothing is applied
		 * until an operator acts.
		 */
		HALTED

	}

	/** The link's state, since when, and why. */
	record Status(State state, String detail, Instant since) {
	}

	private static final Logger log = LoggerFactory.getLogger(KafkaLink.class);

	private final TotalOrderProperties properties;

	private final Map<String, Object> adminConfig;

	private final PartitionTable partitions;

	private final TotalOrderBook book;

	private final TopicInspection inspection;

	private final Clock clock;

	private volatile Status status;

	private volatile Integer topicPartitions;

	/**
	 * The identity of the log as last checked and found good; what the consumer may apply
	 * from.
	 */
	private volatile LogIdentity identity;

	/** Why total order halted, once it did: sticky until the process restarts. */
	private volatile String halted;

	private volatile String finiteRetention;

	private final WorkerLoop loop;

	/** Created under this link's monitor, closed under it; read without it. */
	private volatile Admin admin;

	KafkaLink(TotalOrderProperties properties, KafkaProperties kafka, PartitionTable partitions, TotalOrderBook book,
			Clock clock, Workers workers) {
		this.loop = WorkerLoop.of(workers.register("totalorder-link", false), this::checkRound).build();
		this.properties = properties;
		this.partitions = partitions;
		this.book = book;
		this.inspection = new TopicInspection(properties, book);
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

	/**
	 * The topic's partition count at the last check that described it (empty before one
	 * did).
	 */
	OptionalInt topicPartitions() {
		Integer count = this.topicPartitions;
		return (count != null) ? OptionalInt.of(count) : OptionalInt.empty();
	}

	/**
	 * The identity of the log the consumer may apply from; empty until a check found the
	 * log good.
	 */
	Optional<LogIdentity> identity() {
		return Optional.ofNullable(this.identity);
	}

	/** Why total order halted, or empty while it has not. */
	Optional<String> halted() {
		return Optional.ofNullable(this.halted);
	}

	/** The topic's finite retention settings, when the last check found them finite. */
	Optional<String> finiteRetention() {
		return Optional.ofNullable(this.finiteRetention);
	}

	/**
	 * Starts asking the broker which topic the configured name denotes now; what the
	 * consumer waits for ({@link #sameLog}) before it applies a polled batch. Not behind
	 * this link's monitor, so a periodic check in progress (several round trips) does not
	 * delay it.
	 */
	Confirmation confirm(LogIdentity expected) {
		CompletableFuture<TopicDescription> description;
		try {
			String topic = this.properties.topic();
			description = admin().describeTopics(List.of(topic))
				.topicNameValues()
				.get(topic)
				.toCompletionStage()
				.toCompletableFuture();
		}
		catch (RuntimeException ex) {
			description = CompletableFuture.failedFuture(ex);
		}
		return new Confirmation(expected, description);
	}

	/**
	 * Whether the broker's answer to the confirmation names the expected log, asked after
	 * a poll and before its records are applied: a topic deleted and created again
	 * between two periodic checks must not be applied from. Halts when it is not; a
	 * broker that does not answer only fails this batch (it is read again).
	 */
	boolean sameLog(Confirmation confirmation) {
		if (this.halted != null) {
			return false;
		}
		String topic = this.properties.topic();
		try {
			TopicDescription description = confirmation.description()
				.get(this.properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
			LogIdentity expected = confirmation.expected();
			LogIdentity actual = new LogIdentity(expected.clusterId(), description.topicId().toString());
			Optional<String> mismatch = LogGuard.identity(topic, Optional.of(expected), actual);
			mismatch.ifPresent(this::haltNow);
			return mismatch.isEmpty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				haltNow(LogGuard.topicGone(topic, this.book.nextOffset(), Optional.of(confirmation.expected())));
			}
			return false;
		}
		catch (Exception ex) {
			synchronized (this) {
				closeAdmin();
			}
			return false;
		}
	}

	/** A question to the broker about the topic's identity, and the identity expected. */
	record Confirmation(LogIdentity expected, CompletableFuture<TopicDescription> description) {
	}

	private synchronized void haltNow(String reason) {
		transition(halt(reason));
	}

	/**
	 * The admin client, created when there is none; the lock only for that, so that a
	 * confirmation never waits for a check.
	 */
	private Admin admin() {
		Admin current = this.admin;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.admin == null) {
				this.admin = Admin.create(this.adminConfig);
			}
			return this.admin;
		}
	}

	/** Halts total order until a restart: nothing is published or applied any more. */
	private Status halt(String reason) {
		if (this.halted == null) {
			this.halted = reason;
		}
		this.identity = null;
		return new Status(State.HALTED, this.halted, null);
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
		this.loop.wakeUp();
	}

	@Override
	public void start() {
		Status first = check(this.properties.startupCheckTimeout());
		if (first.state() == State.BAD_TOPIC && this.halted == null) {
			closeAdmin();
			throw new IllegalStateException(first.detail());
		}
		this.loop.start();
	}

	private void checkRound() {
		this.loop.idle(this.properties.checkInterval());
		if (this.loop.isRunning()) {
			check(this.properties.requestTimeout());
		}
	}

	private synchronized Status check(Duration timeout) {
		Status next;
		if (this.halted != null) {
			next = new Status(State.HALTED, this.halted, null);
		}
		else if (!this.partitions.reachesKafka()) {
			next = new Status(State.CUT, "the partition in force cuts this replica off Kafka", null);
		}
		else {
			next = inspectTopic(timeout);
		}
		return transition(next);
	}

	private Status inspectTopic(Duration timeout) {
		try {
			TopicInspection.Finding finding = this.inspection.inspect(admin(), timeout);
			if (finding.partitions() != null) {
				this.topicPartitions = finding.partitions();
			}
			if (finding.state() == State.HALTED) {
				return halt(finding.detail());
			}
			if (finding.state() == State.REACHABLE) {
				warnOfRetention(finding.finiteRetention());
				this.identity = finding.identity();
			}
			return new Status(finding.state(), finding.detail(), null);
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

	/** Once per finite retention found, not once per check. */
	private void warnOfRetention(Optional<String> finite) {
		if (finite.isPresent() && !finite.get().equals(this.finiteRetention)) {
			log.warn(
					"Topic '{}' has a finite retention ({}): the log is the history of total order, and a replica "
							+ "that falls behind by more than the retention halts rather than skip records. Set "
							+ "retention.ms=-1 and retention.bytes=-1 on the topic.",
					this.properties.topic(), finite.get());
		}
		this.finiteRetention = finite.orElse(null);
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
			case HALTED -> log.error("Kafka link {} -> HALTED: {}", previous.state(), next.detail());
			default -> log.warn(
					"Kafka link {} -> {}: {}; total-order writes are durable but not ordered until it " + "returns",
					previous.state(), next.state(), next.detail());
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
		this.loop.stop(Duration.ofSeconds(10));
		synchronized (this) {
			closeAdmin();
		}
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/** Checks before the relay and the consumer start (and stops after them). */
	@Override
	public int getPhase() {
		return TotalOrderPhases.LINK;
	}

}
