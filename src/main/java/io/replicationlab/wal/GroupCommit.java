package io.replicationlab.wal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.replicationlab.worker.Worker;
import io.replicationlab.worker.WorkerLoop;
import io.replicationlab.worker.Workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one thread that writes to this replica's database, committing concurrent writes
 * together (group commit).
 * <p>
 * Work submitted while a transaction commits waits in a queue; the writer then runs
 * everything waiting (up to {@value #MAX_BATCH} units) in one transaction, each unit
 * behind its own savepoint so that a unit that fails rolls back alone, and completes
 * every unit's future only after the commit (and, with {@code replica.fsync=true}, after
 * the database file has been forced to disk: one {@code fsync} per group), which is when
 * the writes are durable. One writer means the WAL's lsn order is its commit order and no
 * two writes of this replica ever conflict on a row.
 * <p>
 * A unit of work must not wait for other work submitted here: it runs on the writer
 * thread.
 * <p>
 * Every unit completes: a unit that throws anything, an {@code Error} included, fails
 * alone behind its savepoint; a commit that fails fails its batch; the writer goes on. A
 * unit submitted once the writer stops accepting work (shutdown, or a writer that ended)
 * fails at once with {@link WriterUnavailableException}, and whatever is still queued
 * when the writer ends fails with it too, so that {@link #execute} never waits for ever.
 */
@Component
public class GroupCommit implements SmartLifecycle {

	static final int MAX_BATCH = 256;

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final TransactionTemplate transactions;

	private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();

	private final WorkerLoop writer;

	/**
	 * Guards the check of {@link #accepting} with the enqueue, so that no unit is queued
	 * after the writer's end.
	 */
	private final Object gate = new Object();

	private boolean accepting;

	private final Worker worker;

	private final AtomicLong committedBatches = new AtomicLong();

	private final DistributionSummary batchSizes;

	private final CommitSync sync;

	GroupCommit(PlatformTransactionManager transactionManager, MeterRegistry meters, CommitSync sync, Workers workers) {
		this.worker = workers.register("group-commit", true);
		this.writer = WorkerLoop.of(this.worker, this::writeRound)
			.onFailure((ex) -> log.error("The writer's round failed; it goes on", ex))
			.drainWhile(() -> !this.queue.isEmpty())
			.onEnd(this::end)
			.build();
		this.transactions = new TransactionTemplate(transactionManager);
		this.sync = sync;
		this.batchSizes = DistributionSummary.builder("replication.group.commit.units")
			.description("Units of work committed together in one transaction of the replica's single writer")
			.register(meters);
	}

	/** How many units wait for the writer. */
	int queued() {
		return this.queue.size();
	}

	/** How many group transactions have committed since start. */
	long committedBatches() {
		return this.committedBatches.get();
	}

	/**
	 * Runs the work in the next group transaction and waits for it to commit.
	 * @return what the work returned, once durable
	 * @throws RuntimeException what the work threw (its writes are rolled back), or what
	 * the commit threw
	 */
	public <T> T execute(Supplier<T> work) {
		if (this.writer.isLoopThread()) {
			return work.get();
		}
		return join(submit(work));
	}

	/**
	 * As {@link #execute(Supplier)}, and {@code afterCommit} runs on the writer's thread
	 * as soon as the unit has committed, before the caller's thread wakes up (the
	 * total-order write nudges its relay this way: one thread wake-up fewer before the
	 * publish). It does not run when the unit fails.
	 * @throws IllegalStateException on the writer's own thread, whose work joins a unit
	 * that has not committed yet
	 */
	public <T> T execute(Supplier<T> work, Runnable afterCommit) {
		if (this.writer.isLoopThread()) {
			throw new IllegalStateException("work with an afterCommit needs a unit of its own, not the writer's");
		}
		return join(submit(work, afterCommit));
	}

	private static <T> T join(CompletableFuture<T> unit) {
		try {
			return unit.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw new IllegalStateException("the unit failed with " + error + "; nothing of it was written", error);
			}
			throw ex;
		}
	}

	/**
	 * Queues the work for the next group transaction; the future completes once it has
	 * committed.
	 */
	public <T> CompletableFuture<T> submit(Supplier<T> work) {
		return submit(work, null);
	}

	private <T> CompletableFuture<T> submit(Supplier<T> work, Runnable afterCommit) {
		Unit<T> unit = new Unit<>(work, new CompletableFuture<>(), afterCommit);
		synchronized (this.gate) {
			if (!this.accepting) {
				return CompletableFuture.failedFuture(new WriterUnavailableException(
						"the replica's writer takes no more work (" + this.worker.state() + "); nothing was written"));
			}
			this.queue.add(unit);
		}
		return unit.result;
	}

	/** Commits what waits in the queue, if anything arrives within a moment. */
	private void writeRound() throws InterruptedException {
		Unit<?> first = this.queue.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		List<Unit<?>> batch = new ArrayList<>(MAX_BATCH);
		batch.add(first);
		this.queue.drainTo(batch, MAX_BATCH - 1);
		try {
			commit(batch);
		}
		catch (Throwable ex) {
			// commit() completes its units whatever happens; this is the last line so no
			// caller waits for ever
			batch.forEach((unit) -> unit.result.completeExceptionally(ex));
			throw ex;
		}
	}

	/**
	 * Takes no more work and fails what is still queued: no caller of {@link #execute} is
	 * left waiting.
	 */
	private void end() {
		synchronized (this.gate) {
			this.accepting = false;
		}
		WriterUnavailableException stopped = new WriterUnavailableException(
				"the replica's writer stopped before this unit ran; nothing was written");
		for (Unit<?> unit = this.queue.poll(); unit != null; unit = this.queue.poll()) {
			unit.result.completeExceptionally(stopped);
		}
	}

	private void commit(List<Unit<?>> batch) {
		List<Object> outcomes = new ArrayList<>(batch.size());
		try {
			this.transactions.executeWithoutResult((status) -> {
				for (Unit<?> unit : batch) {
					outcomes.add(runBehindSavepoint(unit, status));
				}
			});
		}
		catch (Throwable ex) {
			log.error("Group commit of {} units failed", batch.size(), ex);
			this.worker.unitFailed(ex);
			batch.forEach((unit) -> unit.result.completeExceptionally(ex));
			return;
		}
		try {
			this.sync.afterCommit();
		}
		catch (RuntimeException ex) {
			// committed, but not known to be on stable storage: not acknowledged (a retry
			// with its opId is harmless)
			log.error("Group of {} units committed but not forced to disk", batch.size(), ex);
			batch.forEach((unit) -> unit.result.completeExceptionally(ex));
			return;
		}
		this.committedBatches.incrementAndGet();
		this.batchSizes.record(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).complete(outcomes.get(i));
		}
	}

	private static Object runBehindSavepoint(Unit<?> unit, TransactionStatus status) {
		Object savepoint = status.createSavepoint();
		try {
			Object result = unit.work.get();
			status.releaseSavepoint(savepoint);
			return result;
		}
		catch (Throwable ex) {
			// an Error too (a StackOverflowError of one odd unit, say): that unit fails,
			// the batch and the writer go on
			status.rollbackToSavepoint(savepoint);
			return new Failure(ex);
		}
	}

	@Override
	public void start() {
		synchronized (this.gate) {
			this.accepting = true;
		}
		this.writer.start();
	}

	@Override
	public void stop() {
		// refuse new work at once (a 503 for the client), finish what is queued, then end
		synchronized (this.gate) {
			this.accepting = false;
		}
		this.writer.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.writer.isRunning();
	}

	/**
	 * Stops after the web server (which stops at a higher phase) so that in-flight
	 * requests can still commit.
	 */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

	private record Failure(Throwable exception) {
	}

	private record Unit<T>(Supplier<T> work, CompletableFuture<T> result, Runnable afterCommit) {

		/**
		 * On the writer's thread: {@code afterCommit} runs here, before the result is
		 * completed (a dependent of the future could also run on the caller's thread,
		 * which helps complete it as it wakes up).
		 */
		@SuppressWarnings("unchecked")
		void complete(Object outcome) {
			if (outcome instanceof Failure failure) {
				this.result.completeExceptionally(failure.exception());
				return;
			}
			if (this.afterCommit != null) {
				try {
					this.afterCommit.run();
				}
				catch (RuntimeException ex) {
					log.warn("afterCommit of a committed unit failed", ex);
				}
			}
			this.result.complete((T) outcome);
		}

	}

}
