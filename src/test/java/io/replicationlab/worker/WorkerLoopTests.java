package io.replicationlab.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The one way the replica runs a background loop: a named daemon thread that runs its
 * unit until stopped, survives whatever a unit throws, idles until woken up, and tells
 * the {@code workers} health component how it is. Idles last an hour here: a test passes
 * only when a wake-up or a stop cuts them short.
 */
class WorkerLoopTests {

	private static final Duration LONG = Duration.ofHours(1);

	private static final Duration JOIN = Duration.ofSeconds(10);

	private final Workers workers = new Workers(Clock.systemUTC());

	private final Worker worker = this.workers.register("test-loop", false);

	private final AtomicInteger runs = new AtomicInteger();

	private final AtomicReference<Thread> thread = new AtomicReference<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private WorkerLoop loop;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.loop != null) {
			this.loop.stop(JOIN);
		}
	}

	@Test
	void runsItsUnitAgainAndAgainOnADaemonThreadNamedAfterItsWorkerUntilStopped() {
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.thread.set(Thread.currentThread());
			this.runs.incrementAndGet();
			this.loop.idle(Duration.ofMillis(1));
		}).build();
		assertThat(this.worker.state()).isEqualTo(Worker.State.NOT_STARTED);

		this.loop.start();

		assertThat(this.worker.state()).isEqualTo(Worker.State.RUNNING);
		assertThat(this.loop.isRunning()).isTrue();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() >= 3);
		assertThat(this.thread.get().getName()).isEqualTo("test-loop");
		assertThat(this.thread.get().isDaemon()).isTrue();
		assertThat(this.loop.isLoopThread()).isFalse();

		this.loop.stop(JOIN);

		assertThat(this.thread.get().isAlive()).isFalse();
		assertThat(this.loop.isRunning()).isFalse();
		assertThat(this.worker.state()).isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void aUnitThatThrowsAnythingIsCountedAndHandedToTheHandlerAndTheLoopGoesOn() {
		List<Throwable> handled = new CopyOnWriteArrayList<>();
		this.loop = WorkerLoop.of(this.worker, () -> {
			switch (this.runs.incrementAndGet()) {
				case 1 -> throw new IllegalStateException("a bad unit");
				case 2 -> throw new StackOverflowError("an Error");
				case 3 -> throw new java.io.IOException("a checked exception");
				default -> this.loop.idle(LONG);
			}
		}).onFailure(handled::add).build();

		this.loop.start();

		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 4);
		assertThat(handled).extracting(Throwable::getMessage)
			.containsExactly("a bad unit", "an Error", "a checked exception");
		assertThat(this.worker.failedUnits()).isEqualTo(3);
		assertThat(this.worker.state()).isEqualTo(Worker.State.RUNNING);
		assertThat(this.worker.details()).containsEntry("lastFailure", "java.io.IOException: a checked exception");
	}

	@Test
	void aFailureHandlerThatThrowsDoesNotEndTheLoopEither() {
		this.loop = WorkerLoop.of(this.worker, () -> {
			if (this.runs.incrementAndGet() == 1) {
				throw new IllegalStateException("a bad unit");
			}
			this.loop.idle(LONG);
		}).onFailure((ex) -> {
			throw new IllegalStateException("a bad handler");
		}).build();

		this.loop.start();

		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 2);
		assertThat(this.worker.state()).isEqualTo(Worker.State.RUNNING);
	}

	@Test
	void aWakeUpCutsAnIdleShortAndWakeUpsBeforeItCountAsOne() throws Exception {
		CountDownLatch secondRunStarted = new CountDownLatch(1);
		this.loop = WorkerLoop.of(this.worker, () -> {
			if (this.runs.incrementAndGet() == 2) {
				secondRunStarted.countDown();
				this.release.await();
			}
			this.loop.idle(LONG);
		}).build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 1);

		this.loop.wakeUp();

		assertThat(secondRunStarted.await(10, TimeUnit.SECONDS)).as("the first idle was cut short").isTrue();
		this.loop.wakeUp();
		this.loop.wakeUp();
		this.loop.wakeUp();
		this.release.countDown();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 3);
		await().during(300, TimeUnit.MILLISECONDS)
			.atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(this.runs.get()).as("three wake-ups cut one idle short").isEqualTo(3));
	}

	@Test
	void aStopCutsAnIdleShortAndWaitsForTheThreadToEnd() {
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.thread.set(Thread.currentThread());
			this.runs.incrementAndGet();
			this.loop.idle(LONG);
		}).build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 1);

		this.loop.stop(JOIN);

		assertThat(this.thread.get().isAlive()).isFalse();
		assertThat(this.runs.get()).as("no unit after the stop").isEqualTo(1);
		assertThat(this.worker.state()).isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void anInterruptNobodyAskedForEndsTheLoopDownAfterItReleasedWhatItUsed() {
		AtomicBoolean released = new AtomicBoolean();
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.thread.set(Thread.currentThread());
			this.loop.idle(LONG);
		}).onEnd(() -> released.set(true)).build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.thread.get() != null);

		this.thread.get().interrupt();

		await().atMost(10, TimeUnit.SECONDS).until(() -> this.worker.state() == Worker.State.DOWN);
		assertThat(released).isTrue();
		assertThat(this.worker.details().get("lastFailure").toString()).startsWith("java.lang.InterruptedException");
		assertThat(new WorkersHealthIndicator(this.workers).health().getStatus()).as("a non-essential loop that ended")
			.isEqualTo(WorkersHealthIndicator.DEGRADED);
	}

	@Test
	void anEssentialLoopThatEndsTurnsHealthDown() throws Exception {
		Worker essential = this.workers.register("essential-loop", true);
		this.loop = WorkerLoop.of(essential, () -> {
			throw new InterruptedException("interrupted inside the unit");
		}).build();

		this.loop.start();

		await().atMost(10, TimeUnit.SECONDS).until(() -> essential.state() == Worker.State.DOWN);
		assertThat(essential.details()).containsEntry("lastFailure",
				"java.lang.InterruptedException: interrupted inside the unit");
		assertThat(essential.failedUnits()).as("an interrupt is no failed unit").isZero();
		assertThat(new WorkersHealthIndicator(this.workers).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void aDrainingLoopStillRunsItsPendingWorkAfterTheStop() throws Exception {
		AtomicInteger pending = new AtomicInteger(3);
		this.loop = WorkerLoop.of(this.worker, () -> {
			if (this.runs.incrementAndGet() == 1) {
				this.release.await();
			}
			if (pending.get() > 0) {
				pending.decrementAndGet();
			}
			else {
				this.loop.idle(Duration.ofMillis(10));
			}
		}).drainWhile(() -> pending.get() > 0).build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 1);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> this.loop.stop(JOIN));
		await().atMost(10, TimeUnit.SECONDS).until(() -> !this.loop.isRunning());
		this.release.countDown();
		stopping.get(30, TimeUnit.SECONDS);

		assertThat(pending).as("every pending unit ran after the stop").hasValue(0);
		assertThat(this.worker.state()).isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void aLoopThatInterruptsOnStopEndsAUnitBlockedOutsideIdle() {
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.thread.set(Thread.currentThread());
			new CountDownLatch(1).await();
		}).interruptOnStop().build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.thread.get() != null);

		this.loop.stop(JOIN);

		assertThat(this.thread.get().isAlive()).isFalse();
		assertThat(this.worker.state()).as("an interrupt asked for by the stop").isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void theStopHookCutsABlockingCallShortBeforeTheStopWaits() {
		CountDownLatch blocking = new CountDownLatch(1);
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.thread.set(Thread.currentThread());
			blocking.await();
		}).onStop(blocking::countDown).build();
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.thread.get() != null);

		this.loop.stop(JOIN);

		assertThat(this.thread.get().isAlive()).isFalse();
		assertThat(this.worker.state()).isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void aUnitKnowsItRunsOnTheLoopThread() {
		AtomicBoolean onLoop = new AtomicBoolean();
		this.loop = WorkerLoop.of(this.worker, () -> {
			onLoop.set(this.loop.isLoopThread());
			this.runs.incrementAndGet();
			this.loop.idle(LONG);
		}).build();

		this.loop.start();

		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 1);
		assertThat(onLoop).isTrue();
	}

	@Test
	void aLoopStartsOnceAndCanStartAgainOnceStopped() {
		this.loop = WorkerLoop.of(this.worker, () -> {
			this.runs.incrementAndGet();
			this.loop.idle(LONG);
		}).build();
		this.loop.start();

		assertThatIllegalStateException().isThrownBy(this.loop::start).withMessage("test-loop: RUNNING -> RUNNING");

		// a loop stopped before its thread ran a unit runs none: wait for the first, or
		// the count below races
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 1);
		this.loop.stop(JOIN);
		this.loop.start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.runs.get() == 2);
		assertThat(this.worker.state()).isEqualTo(Worker.State.RUNNING);
	}

}
