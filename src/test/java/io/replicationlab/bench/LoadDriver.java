package io.replicationlab.bench;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.replicationlab.testing.Http;

/**
 * Client threads that write to the replicas over HTTP (the tests' one client,
 * {@link Http}: HTTP/1.1, one connection per thread in practice): closed loop (each
 * thread sends its next write when the previous one is answered) or paced at a fixed
 * rate, for a duration or a number of writes.
 */
final class LoadDriver {

	/**
	 * What one write saw: when it was sent (wall clock, to compare with the replicas'
	 * appliedAt), how long it took.
	 */
	record Sample(UUID opId, String replica, Instant sentAt, long nanos, int status) {

		boolean accepted() {
			return this.status == 200 || this.status == 202;
		}

	}

	/** A finished load: the samples and how long the load ran. */
	record Load(List<Sample> samples, Instant start, Duration elapsed) {

		List<Sample> accepted() {
			return this.samples.stream().filter(Sample::accepted).toList();
		}

		double perSecond() {
			return accepted().size() / (this.elapsed.toNanos() / 1e9);
		}

		List<Double> latenciesMillis() {
			List<Double> millis = new ArrayList<>(accepted().stream().map((sample) -> sample.nanos() / 1e6).toList());
			Collections.sort(millis);
			return millis;
		}

	}

	/**
	 * A value of this many characters makes the total-order record about 200 bytes of
	 * JSON (see OrderedRecord).
	 */
	static final int VALUE_LENGTH = 48;

	/**
	 * Writes from {@code threads} threads, thread i to {@code targets[i % n]}.
	 * @param await the {@code await} level, or {@code null} for the mode's default
	 * @param duration how long to write (when {@code count} is 0)
	 * @param count how many writes in all (0: for the duration)
	 * @param ratePerSecond the total rate, paced (0: closed loop)
	 */
	Load run(List<String> targets, String mode, String await, int threads, Duration duration, int count,
			double ratePerSecond, String keyPrefix, int keys) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger remaining = new AtomicInteger(count);
		Instant start = Instant.now();
		long began = System.nanoTime();
		long end = began + duration.toNanos();
		List<Future<List<Sample>>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			String target = targets.get(t % targets.size());
			long interval = (ratePerSecond > 0) ? (long) (threads * 1e9 / ratePerSecond) : 0;
			long offset = (interval > 0) ? t * interval / threads : 0;
			futures.add(pool.submit(() -> {
				List<Sample> samples = new ArrayList<>();
				String value = "v".repeat(VALUE_LENGTH);
				long next = began + offset;
				while ((count > 0) ? remaining.getAndDecrement() > 0 : System.nanoTime() < end) {
					if (interval > 0) {
						LockSupport.parkNanos(next - System.nanoTime());
						next += interval;
					}
					samples.add(write(target, mode, await, keyPrefix + "-" + ThreadLocalRandom.current().nextInt(keys),
							value));
				}
				return samples;
			}));
		}
		List<Sample> all = new ArrayList<>();
		for (Future<List<Sample>> future : futures) {
			all.addAll(future.get());
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
		pool.shutdown();
		return new Load(all, start, elapsed);
	}

	private Sample write(String target, String mode, String await, String key, String value) {
		UUID opId = UUID.randomUUID();
		String path = "/api/" + mode + "/kv/" + key + ((await != null) ? "?await=" + await : "");
		String body = "{\"value\":\"" + value + "\",\"opId\":\"" + opId + "\"}";
		Instant sentAt = Instant.now();
		long sent = System.nanoTime();
		int status;
		try {
			status = Http.to(target).timeout(Duration.ofSeconds(30)).sendJson("PUT", path, body).status();
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			// not answered (refused, timed out, interrupted): a failed sample
			status = -1;
		}
		return new Sample(opId, target, sentAt, System.nanoTime() - sent, status);
	}

}
