package io.replicationlab.worker;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background loop's state: {@code RUNNING}, {@code STOPPED} (shut down on purpose) or
 * {@code DOWN} (ended by a failure it could not survive), with the count of failed units
 * and the last failure. Its {@link WorkerLoop} sets the state; the loop's units may count
 * failures they survive themselves ({@link #unitFailed}).
 */
public final class Worker {

	public enum State {

		NOT_STARTED, RUNNING, STOPPED, DOWN

	}

	private static final Logger log = LoggerFactory.getLogger(Worker.class);

	private final String name;

	private final boolean essential;

	private final Clock clock;

	private final AtomicLong failedUnits = new AtomicLong();

	private volatile State state = State.NOT_STARTED;

	private volatile String lastFailure;

	private volatile Instant lastFailureAt;

	Worker(String name, boolean essential, Clock clock) {
		this.name = name;
		this.essential = essential;
		this.clock = clock;
	}

	/** A worker of no registry, for units wired by hand. */
	public static Worker standalone(String name) {
		return new Worker(name, false, Clock.systemUTC());
	}

	public String name() {
		return this.name;
	}

	public boolean essential() {
		return this.essential;
	}

	public State state() {
		return this.state;
	}

	public long failedUnits() {
		return this.failedUnits.get();
	}

	void running() {
		this.state = State.RUNNING;
	}

	void stopped() {
		this.state = State.STOPPED;
	}

	/**
	 * The loop has ended and will not go on: health names it until the replica restarts.
	 */
	void down(Throwable cause) {
		this.state = State.DOWN;
		recordFailure(cause);
		log.error("Worker {} is down", this.name, cause);
	}

	/** One unit of work failed; the loop goes on. */
	public void unitFailed(Throwable cause) {
		this.failedUnits.incrementAndGet();
		recordFailure(cause);
	}

	private void recordFailure(Throwable cause) {
		if (cause != null) {
			this.lastFailure = cause.toString();
			this.lastFailureAt = this.clock.instant();
		}
	}

	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", this.state.name());
		details.put("failedUnits", this.failedUnits.get());
		if (this.lastFailure != null) {
			details.put("lastFailure", this.lastFailure);
			details.put("lastFailureAt", this.lastFailureAt.toString());
		}
		return details;
	}

}
