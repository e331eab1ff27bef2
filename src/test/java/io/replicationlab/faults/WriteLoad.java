package io.replicationlab.faults;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.replicationlab.testing.Http;

/**
 * A bounded write load: {@code threads} clients, each writing at most {@code perThread}
 * ops at a steady pace to the replicas and modes it is given, until stopped. Records
 * every answer: acknowledged writes (200, or 202 = durable but not yet at the asked
 * level) with op id, replica, mode, key, value and status; refusals and connection
 * failures (a killed replica) are counted, not recorded, since the client never got an
 * acknowledgement.
 */
final class WriteLoad implements AutoCloseable {

	/** One acknowledged write. */
	record Ack(String opId, String replica, String mode, String key, String value, int httpStatus, String status) {
	}

	/** Where one write goes. */
	record Target(String replica, String url, String mode, String await) {
	}

	private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private final Queue<String> refusals = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean stop = new AtomicBoolean();

	private final ExecutorService writers;

	private final long startedAt = System.nanoTime();

	private volatile long stoppedAt;

	/**
	 * @param targets chooses thread t's n-th target
	 * @param pause the pause between two writes of one thread (the pace of the load, not
	 * a wait for replication)
	 */
	WriteLoad(String name, int threads, int perThread, Duration pause, Function<Integer, Target> targets) {
		this.writers = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			int thread = t;
			this.writers.submit(() -> {
				for (int n = 0; n < perThread && !this.stop.get(); n++) {
					Target target = targets.apply(thread * perThread + n);
					String key = name + "-" + thread + "-" + (n % 16);
					String value = name + "-" + thread + "-" + n;
					write(target, key, value);
					LockSupport.parkNanos(pause.toNanos());
				}
			});
		}
		this.writers.shutdown();
	}

	private void write(Target target, String key, String value) {
		String opId = UUID.randomUUID().toString();
		try {
			Http.Response answer = Http.to(target.url())
				.timeout(Duration.ofSeconds(30))
				.sendJson("PUT",
						"/api/" + target.mode() + "/kv/" + key
								+ ((target.await() != null) ? "?await=" + target.await() : ""),
						"{\"value\":\"" + value + "\",\"opId\":\"" + opId + "\"}");
			if (answer.status() == 200 || answer.status() == 202) {
				this.acks.add(new Ack(opId, target.replica(), target.mode(), key, value, answer.status(),
						answer.json().get("status").asString()));
			}
			else {
				this.refused.incrementAndGet();
				this.refusals.add(target.replica() + " " + target.mode() + " " + answer.status() + " "
						+ answer.body().substring(0, Math.min(300, answer.body().length())));
			}
		}
		catch (RuntimeException ex) {
			// a write cut short by the load's end (its thread interrupted) is no failure
			if (!Thread.currentThread().isInterrupted()) {
				this.failed.incrementAndGet();
			}
		}
	}

	int acknowledged() {
		return this.acks.size();
	}

	List<Ack> acks() {
		return List.copyOf(this.acks);
	}

	List<Ack> acks(String mode) {
		return this.acks.stream().filter((ack) -> ack.mode().equals(mode)).toList();
	}

	/** Writes that got no answer (the replica was killed or down). */
	int failed() {
		return this.failed.get();
	}

	/** Writes answered with a 4xx/5xx. */
	int refused() {
		return this.refused.get();
	}

	List<String> refusals() {
		return List.copyOf(this.refusals);
	}

	/** Writes per second over the load's run. */
	double rate() {
		long end = (this.stoppedAt != 0) ? this.stoppedAt : System.nanoTime();
		return (this.acks.size() + this.failed.get() + this.refused.get()) / ((end - this.startedAt) / 1e9);
	}

	/** Stops the writers and waits for them. */
	WriteLoad finish() throws InterruptedException {
		this.stop.set(true);
		if (!this.writers.awaitTermination(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the writers did not stop");
		}
		if (this.stoppedAt == 0) {
			this.stoppedAt = System.nanoTime();
		}
		return this;
	}

	/** Waits until every thread wrote its share. */
	WriteLoad drain() throws InterruptedException {
		if (!this.writers.awaitTermination(300, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the writers did not finish");
		}
		this.stoppedAt = System.nanoTime();
		return this;
	}

	@Override
	public void close() throws InterruptedException {
		this.stop.set(true);
		this.writers.shutdownNow();
		this.writers.awaitTermination(30, TimeUnit.SECONDS);
	}

}
