package io.replicationlab.totalorder;

import java.time.Duration;

import io.replicationlab.worker.Backoff;
import io.replicationlab.worker.WorkerLifecycle;
import io.replicationlab.worker.WorkerLoop;
import io.replicationlab.worker.Workers;

/**
 * The loop of a Kafka client, the relay's producer or the consumer: a round runs only
 * while the {@link KafkaLink#usable() link is usable}, else the loop waits a poll
 * timeout. When the client fails it is closed (the next round makes a new one), the link
 * checks the broker at once, and why it failed is kept until it works again; a round
 * after a failure waits a capped exponential backoff first. The client is closed too when
 * the loop ends. Starts after the link's first check and stops before the single writer.
 */
abstract class KafkaClientLoop implements WorkerLifecycle {

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final TotalOrderProperties properties;

	private final KafkaLink link;

	private final WorkerLoop loop;

	/** The wait after a failed round; the loop's thread only. */
	private Backoff backoff;

	private volatile String failure;

	KafkaClientLoop(String worker, TotalOrderProperties properties, KafkaLink link, Workers workers) {
		this.properties = properties;
		this.link = link;
		this.loop = WorkerLoop.of(workers.register(worker, false), this::roundWhileUsable)
			.onFailure(this::roundFailed)
			.onStop(this::wakeUpClient)
			.onEnd(this::closeClient)
			.build();
		this.backoff = Backoff.of(properties.pollTimeout(), MAX_BACKOFF);
	}

	/** One round of work with the client; the link was usable when it began. */
	abstract void round();

	/** A round threw (a failure it did not handle, an Error included). */
	abstract void roundFailed(Throwable ex);

	/** Closes the client, if there is one; the loop's thread only. */
	abstract void closeClient();

	/** Cuts a blocking call of the client short, once the loop is told to stop. */
	void wakeUpClient() {
	}

	/**
	 * Why the client failed, while it fails; {@code null} when it works.
	 */
	String failure() {
		return this.failure;
	}

	/**
	 * The client failed: closed, and the link told to check the broker at once.
	 * @return whether it worked until now (a failure worth a warning)
	 */
	boolean clientFailed(Throwable ex) {
		boolean worked = this.failure == null;
		this.failure = ex.toString();
		closeClient();
		this.link.suspect();
		return worked;
	}

	/**
	 * The client works.
	 * @return whether it failed until now (a recovery worth a line in the log)
	 */
	boolean clientWorks() {
		boolean failed = this.failure != null;
		this.failure = null;
		return failed;
	}

	/** Waits the backoff, less when woken up or stopped; the next wait is longer. */
	void backOff() {
		this.loop.idle(this.backoff.current());
		this.backoff = this.backoff.next();
	}

	/** A round went well: the next backoff is short again. */
	void resetBackoff() {
		this.backoff = this.backoff.reset();
	}

	/** How long the next {@link #backOff()} waits. */
	Duration nextBackoff() {
		return this.backoff.current();
	}

	/** Waits a poll timeout, less when woken up or stopped: nothing to do for now. */
	void idle() {
		this.loop.idle(this.properties.pollTimeout());
	}

	/** Cuts the current or next {@link #idle()} short: there is work. */
	void wakeUp() {
		this.loop.wakeUp();
	}

	private void roundWhileUsable() {
		if (!this.link.usable()) {
			idle();
			return;
		}
		round();
	}

	@Override
	public WorkerLoop workerLoop() {
		return this.loop;
	}

	@Override
	public Duration stopTimeout() {
		return Duration.ofSeconds(30);
	}

	@Override
	public int getPhase() {
		return TotalOrderPhases.WORKERS;
	}

}
