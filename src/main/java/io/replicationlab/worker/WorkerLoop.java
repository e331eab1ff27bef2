package io.replicationlab.worker;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a replica runs a background loop: a daemon thread named after its
 * {@link Worker} that runs a unit of work again and again until {@link #stop} and reports
 * its state to the worker.
 * <p>
 * Any {@code Throwable} of a unit, an {@code Error} included, is counted
 * ({@link Worker#unitFailed}) and handed to the failure handler (by default: logged), and
 * the loop goes on, so that one bad unit fails alone. The loop ends only when stopped
 * ({@code STOPPED}) or when its thread is interrupted by anyone but {@link #stop}
 * ({@code DOWN}: the loop could not go on as meant, and health names it). A unit waits
 * with {@link #idle}, which a {@link #wakeUp} (new work) or a stop cuts short, so that a
 * loop neither polls hot nor delays its stop.
 */
public final class WorkerLoop {

	/** One round of a loop's work. */
	@FunctionalInterface
	public interface Unit {

		void run() throws Exception;

	}

	private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

	private final Worker worker;

	private final Unit unit;

	private final Consumer<Throwable> onFailure;

	private final Runnable onStop;

	private final Runnable onEnd;

	private final BooleanSupplier drain;

	private final boolean interruptOnStop;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private volatile Thread thread;

	private WorkerLoop(Builder builder) {
		this.worker = builder.worker;
		this.unit = builder.unit;
		this.onFailure = (builder.onFailure != null) ? builder.onFailure
				: (ex) -> log.error("A unit of work of {} failed; the loop goes on", this.worker.name(), ex);
		this.onStop = builder.onStop;
		this.onEnd = builder.onEnd;
		this.drain = builder.drain;
		this.interruptOnStop = builder.interruptOnStop;
	}

	/** A loop that runs {@code unit} on a thread named after the worker. */
	public static Builder of(Worker worker, Unit unit) {
		return new Builder(worker, unit);
	}

	/**
	 * Starts the thread; the worker is {@code RUNNING} from now on.
	 * @throws IllegalStateException when the loop runs already
	 */
	public synchronized void start() {
		Thread current = this.thread;
		if (this.running || (current != null && current.isAlive())) {
			throw new IllegalStateException(this.worker.name() + ": " + this.worker.state() + " -> RUNNING");
		}
		this.running = true;
		this.wakeUps.drainPermits();
		this.worker.running();
		Thread started = new Thread(this::loop, this.worker.name());
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	/**
	 * Asks the loop to end after its current unit (and, with {@link Builder#drainWhile},
	 * after the work still pending) and waits up to {@code timeout} (at least a
	 * millisecond: never for ever) for its thread to end.
	 */
	public void stop(Duration timeout) {
		this.running = false;
		this.wakeUps.release();
		this.onStop.run();
		Thread current = this.thread;
		if (current == null) {
			return;
		}
		if (this.interruptOnStop) {
			current.interrupt();
		}
		try {
			current.join(Math.max(timeout.toMillis(), 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Whether the loop has been started and not asked to stop. */
	public boolean isRunning() {
		return this.running;
	}

	/** Whether the caller runs on this loop's thread. */
	public boolean isLoopThread() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Cuts the current or next {@link #idle} short: there is work. Wake-ups before that
	 * idle count as one.
	 */
	public void wakeUp() {
		this.wakeUps.release();
	}

	/**
	 * Waits up to {@code duration}, less when woken up or stopped; for the loop's own
	 * thread.
	 */
	public void idle(Duration duration) {
		try {
			if (this.wakeUps.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS)) {
				this.wakeUps.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			// the loop sees the flag after this unit and ends
			Thread.currentThread().interrupt();
		}
	}

	private void loop() {
		Throwable ended = null;
		try {
			while (this.running || this.drain.getAsBoolean()) {
				InterruptedException interrupted = runUnit();
				if (interrupted != null || Thread.currentThread().isInterrupted()) {
					ended = (interrupted != null) ? interrupted
							: new InterruptedException("the thread of " + this.worker.name() + " was interrupted");
					break;
				}
			}
		}
		catch (Throwable ex) {
			// only the drain condition can throw here: the loop cannot tell whether work
			// is left
			ended = ex;
		}
		finally {
			end(ended);
		}
	}

	/** Runs one unit; returns what interrupted it, if it threw that. */
	private InterruptedException runUnit() {
		try {
			this.unit.run();
		}
		catch (InterruptedException ex) {
			return ex;
		}
		catch (Throwable ex) {
			this.worker.unitFailed(ex);
			try {
				this.onFailure.accept(ex);
			}
			catch (Throwable again) {
				log.error("The failure handler of {} failed too; the loop goes on", this.worker.name(), again);
			}
		}
		return null;
	}

	private void end(Throwable cause) {
		// the interrupt has ended the loop; the clean-up must not fail because of it
		Thread.interrupted();
		try {
			this.onEnd.run();
		}
		catch (Throwable ex) {
			log.warn("Cleaning up after the loop of {} failed", this.worker.name(), ex);
		}
		if (this.running) {
			this.worker.down((cause != null) ? cause : new IllegalStateException("the loop ended"));
		}
		else {
			this.worker.stopped();
		}
	}

	/** How a loop reacts to failures and to its stop, beyond the defaults. */
	public static final class Builder {

		private final Worker worker;

		private final Unit unit;

		private Consumer<Throwable> onFailure;

		private Runnable onStop = () -> {
		};

		private Runnable onEnd = () -> {
		};

		private BooleanSupplier drain = () -> false;

		private boolean interruptOnStop;

		private Builder(Worker worker, Unit unit) {
			this.worker = Objects.requireNonNull(worker, "worker");
			this.unit = Objects.requireNonNull(unit, "unit");
		}

		/**
		 * Runs on the loop's thread after a unit failed (and was counted), instead of
		 * logging the failure.
		 */
		public Builder onFailure(Consumer<Throwable> onFailure) {
			this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
			return this;
		}

		/**
		 * Runs on the stopping thread before it waits: cuts short a blocking call of the
		 * unit other than idle.
		 */
		public Builder onStop(Runnable onStop) {
			this.onStop = Objects.requireNonNull(onStop, "onStop");
			return this;
		}

		/**
		 * Runs on the loop's thread once the loop has ended, however it ended: releases
		 * what the units used.
		 */
		public Builder onEnd(Runnable onEnd) {
			this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
			return this;
		}

		/**
		 * Once stopped, the loop still runs units while this holds (work accepted before
		 * the stop completes).
		 */
		public Builder drainWhile(BooleanSupplier pending) {
			this.drain = Objects.requireNonNull(pending, "pending");
			return this;
		}

		/**
		 * Stopping interrupts the thread: a unit blocked in I/O it cannot otherwise cut
		 * short ends at once.
		 */
		public Builder interruptOnStop() {
			this.interruptOnStop = true;
			return this;
		}

		public WorkerLoop build() {
			return new WorkerLoop(this);
		}

	}

}
