package io.replicationlab.worker;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A bean whose {@link WorkerLoop} runs from the context's start to its stop: the one way
 * a loop's bean starts, stops and says whether it runs, so that each bean says only which
 * loop, how long a stop may wait for it and, where it matters, in which phase.
 */
public interface WorkerLifecycle extends SmartLifecycle {

	/** The loop this bean runs. */
	WorkerLoop workerLoop();

	/**
	 * How long a stop waits for the loop's current unit; 5 s unless the bean says
	 * otherwise.
	 */
	default Duration stopTimeout() {
		return Duration.ofSeconds(5);
	}

	@Override
	default void start() {
		workerLoop().start();
	}

	@Override
	default void stop() {
		workerLoop().stop(stopTimeout());
	}

	@Override
	default boolean isRunning() {
		return workerLoop().isRunning();
	}

}
