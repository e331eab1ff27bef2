package io.replicationlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

/**
 * Client threads that write to the replicas over HTTP/1.1: closed loop (each thread sends
 * its next write when the previous one is answered) or paced at a fixed rate, for a
 * duration or a number of writes.
 * <p>
 * The writes go through the JDK's {@link HttpURLConnection}, not the tests' client
 * ({@link io.replicationlab.testing.Http}, the JDK's asynchronous {@code HttpClient}):
 * the benchmark's clients share the two cores with what they measure, and the
 * asynchronous client cost 0.6-1.0 ms of CPU per write (the {@code CPU per write,
 * benchmark} rows), as much as the broker and a replica's request together. A blocking
 * connection kept alive per thread and replica costs a fraction of it. The pom's bench
 * profile raises {@code http.maxConnections} (5 idle connections per server by default)
 * so that every thread keeps its connection.
 */
final class LoadDriver {

	/** Where the writes' op ids come from ({@code --op-ids}). */
	enum OpIdSource {

		/**
		 * None sent: the replica makes one (time-ordered, {@code mode.OpIds}) and the
		 * driver reads it from the receipt.
		 */
		REPLICA,

		/**
		 * A random version-4 UUID per write, sent as a client that retries would send it:
		 * each lands on a random leaf of the replicas' op-id B-trees.
		 */
		RANDOM;

		static OpIdSource of(String option) {
			return switch (option) {
				case "replica" -> REPLICA;
				case "random" -> RANDOM;
				default -> throw new IllegalArgumentException("--op-ids is replica or random, not " + option);
			};
		}

	}

	/** A status and the answer's body (read whole: the connection is kept alive). */
	record Answer(int status, String body) {

		/** The receipt's {@code opId}, or {@code null} (a problem, or not a receipt). */
		UUID opId() {
			String field = "\"opId\":\"";
			int at = this.body.indexOf(field) + field.length();
			return (at < field.length()) ? null : UUID.fromString(this.body.substring(at, at + 36));
		}

	}

	private final OpIdSource opIds;

	LoadDriver(OpIdSource opIds) {
		this.opIds = opIds;
	}

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
		UUID opId = (this.opIds == OpIdSource.RANDOM) ? UUID.randomUUID() : null;
		String path = "/api/" + mode + "/kv/" + key + ((await != null) ? "?await=" + await : "");
		String body = "{\"value\":\"" + value + "\"" + ((opId != null) ? ",\"opId\":\"" + opId + "\"" : "") + "}";
		Instant sentAt = Instant.now();
		long sent = System.nanoTime();
		int status;
		try {
			Answer answer = put(target + path, body.getBytes(StandardCharsets.UTF_8));
			status = answer.status();
			if (opId == null) {
				opId = answer.opId();
			}
		}
		catch (IOException | RuntimeException ex) {
			// not answered (refused, timed out, interrupted): a failed sample
			status = -1;
		}
		return new Sample(opId, target, sentAt, System.nanoTime() - sent, status);
	}

	/**
	 * PUTs a JSON body and reads the whole answer, so that the connection goes back to
	 * the JDK's keep-alive cache for the thread's next write.
	 */
	static Answer put(String url, byte[] json) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
		connection.setRequestMethod("PUT");
		connection.setConnectTimeout(5_000);
		connection.setReadTimeout(30_000);
		connection.setDoOutput(true);
		connection.setFixedLengthStreamingMode(json.length);
		connection.setRequestProperty("Content-Type", "application/json");
		connection.setRequestProperty("Accept", "application/json, application/problem+json");
		try (OutputStream out = connection.getOutputStream()) {
			out.write(json);
		}
		int status = connection.getResponseCode();
		InputStream answer = (status >= 400) ? connection.getErrorStream() : connection.getInputStream();
		if (answer == null) {
			return new Answer(status, "");
		}
		try (answer) {
			return new Answer(status, new String(answer.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

}
