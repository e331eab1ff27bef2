package io.replicationlab.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A loop's bean starts its loop with the context and stops it with the context, and says
 * it runs exactly while the loop does.
 */
class WorkerLifecycleTests {

	private final Worker worker = new Workers(Clock.systemUTC()).register("bean-loop", false);

	private final CountDownLatch firstUnit = new CountDownLatch(1);

	private final LoopBean bean = new LoopBean();

	@AfterEach
	void stop() {
		this.bean.workerLoop().stop(Duration.ofSeconds(10));
	}

	@Test
	void startsItsLoopWithTheContextAndStopsItWithTheContext() throws Exception {
		assertThat(this.bean.isRunning()).isFalse();

		this.bean.start();

		assertThat(this.firstUnit.await(10, TimeUnit.SECONDS)).as("the loop ran a unit").isTrue();
		assertThat(this.bean.isRunning()).isTrue();
		assertThat(this.worker.state()).isEqualTo(Worker.State.RUNNING);

		this.bean.stop();

		assertThat(this.bean.isRunning()).isFalse();
		assertThat(this.worker.state()).as("the stop waited for the loop to end").isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void aStopWaitsFiveSecondsUnlessTheBeanSaysOtherwise() {
		assertThat(this.bean.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	private final class LoopBean implements WorkerLifecycle {

		private final WorkerLoop loop = WorkerLoop.of(WorkerLifecycleTests.this.worker, this::unit).build();

		private void unit() {
			WorkerLifecycleTests.this.firstUnit.countDown();
			this.loop.idle(Duration.ofHours(1));
		}

		@Override
		public WorkerLoop workerLoop() {
			return this.loop;
		}

	}

}
