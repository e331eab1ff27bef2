package io.replicationlab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** A test's clients, each on its own thread, all at once. */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs {@code client} on {@code clients} threads at once, each given its number
	 * ({@code 0..clients-1}), and returns when every one is done.
	 * @throws AssertionError (or whatever else a client threw) from the first client that
	 * failed
	 */
	public static void run(int clients, IntConsumer client) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int n = 0; n < clients; n++) {
				int number = n;
				done.add(pool.submit(() -> client.accept(number)));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdown();
		}
	}

}
