package io.replicationlab.check;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.replicationlab.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * The clients: logical processes, each sequential and pinned to one replica and one mode
 * (spread round-robin), each drawing its operations from its own seeded generator, so
 * that a seed replays the same operations. Reads are a third of the workload; reconcile
 * writes carry the context of the process's last read of the key (empty before any), as a
 * read-modify-write client would.
 * <p>
 * A total-order client that does not learn the outcome of a write ({@code info}: a
 * timeout, a lost answer) retries it once on the next replica with the same op id, as a
 * real client would; with {@code retry-elsewhere} (a fraction, 0 by default) it also
 * retries that share of its acknowledged writes so (the answer lost on its way back).
 * Each retry is its own invocation and completion in the history, with the same op id:
 * the checker judges the attempts as one logical write, and the system must apply it once
 * (the second copy in the log is a {@code DUPLICATE}).
 */
final class Workload {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private final History history;

	private final List<String> urls;

	private final List<String> replicaIds;

	private final List<String> modes;

	private final String keyPrefix;

	private final int keys;

	private final long seed;

	private final double ratePerProcess;

	private final double retryElsewhere;

	Workload(History history, List<String> replicaIds, List<String> urls, List<String> modes, String keyPrefix,
			int keys, long seed, int clients, double rate, double retryElsewhere) {
		if (retryElsewhere < 0 || retryElsewhere > 1) {
			throw new IllegalArgumentException("retry-elsewhere must be a fraction in [0, 1], not " + retryElsewhere);
		}
		this.retryElsewhere = retryElsewhere;
		this.keyPrefix = keyPrefix;
		this.history = history;
		this.replicaIds = replicaIds;
		this.urls = urls;
		this.modes = modes;
		this.keys = keys;
		this.seed = seed;
		this.ratePerProcess = rate / clients;
	}

	String replicaOf(int process) {
		return this.replicaIds.get(process % this.replicaIds.size());
	}

	String modeOf(int process) {
		return this.modes.get((process / this.replicaIds.size()) % this.modes.size());
	}

	/**
	 * Runs process {@code process} until {@code deadline} (monotonic, from
	 * {@link History#now()}).
	 */
	void run(int process, long deadline) {
		Random random = new Random(this.seed * 1_000_003L + process);
		// a generator of its own, so that retries do not shift the seed's operations
		Random retries = new Random(this.seed * 1_000_033L + process);
		String replica = replicaOf(process);
		String url = this.urls.get(this.replicaIds.indexOf(replica));
		String mode = modeOf(process);
		Map<String, String> contexts = new HashMap<>();
		long intervalNanos = (long) (1e9 / this.ratePerProcess);
		long next = this.history.now();
		int n = 0;
		while (this.history.now() < deadline && !Thread.currentThread().isInterrupted()) {
			String key = this.keyPrefix + "k" + random.nextInt(this.keys);
			boolean read = random.nextInt(3) == 0;
			if (read) {
				read(process, replica, url, mode, key, contexts);
			}
			else {
				String value = "p" + process + "-" + (n++);
				// the key prefix in the op id too: two runs of one seed in one lab (on
				// their
				// own keys) would else reuse each other's op ids, refused 409
				// op-id-reused
				String opId = new UUID(this.seed ^ ((long) this.keyPrefix.hashCode() << 32), ((long) process << 32) | n)
					.toString();
				String context = "reconcile".equals(mode) ? contexts.getOrDefault(key, "") : null;
				String outcome = write(process, replica, url, mode, key, value, opId, context);
				if ("total-order".equals(mode) && this.replicaIds.size() > 1
						&& ("info".equals(outcome) || (("ok".equals(outcome) || "durable".equals(outcome))
								&& this.retryElsewhere > 0 && retries.nextDouble() < this.retryElsewhere))) {
					String elsewhere = this.replicaIds
						.get((this.replicaIds.indexOf(replica) + 1) % this.replicaIds.size());
					write(process, elsewhere, this.urls.get(this.replicaIds.indexOf(elsewhere)), mode, key, value, opId,
							null);
				}
			}
			next += intervalNanos;
			long wait = next - this.history.now();
			if (wait > 0) {
				sleepNanos(wait);
			}
			else {
				next = this.history.now();
			}
		}
	}

	/** Writes once and records it; returns the outcome recorded. */
	private String write(int process, String replica, String url, String mode, String key, String value, String opId,
			String context) {
		Event invoke = this.history.invoke("write", process, replica, mode, key, value, opId, context);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("value", value);
		body.put("opId", opId);
		if (context != null) {
			body.put("context", context);
		}
		try {
			Http.Response response = Http.to(url)
				.timeout(REQUEST_TIMEOUT)
				.sendJson("PUT", "/api/" + mode + "/kv/" + key, Http.json(body));
			int status = response.status();
			if (status == 200 || status == 202) {
				JsonNode receipt = response.json();
				return this.history
					.complete(invoke, (status == 200) ? "ok" : "durable", null, null,
							receipt.path("dot").isString() ? receipt.path("dot").asString() : null, null)
					.type();
			}
			return this.history
				.complete(invoke, (status >= 400 && status < 500) ? "fail" : "info", null, null, null, "HTTP " + status)
				.type();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof ConnectException || ex.getCause() instanceof HttpConnectTimeoutException) {
				return this.history.complete(invoke, "fail", null, null, null, "not connected: " + ex.getCause())
					.type();
			}
			return this.history.complete(invoke, "info", null, null, null, ex.getCause().toString()).type();
		}
		catch (RuntimeException ex) {
			return this.history.complete(invoke, "info", null, null, null, ex.toString()).type();
		}
	}

	private void read(int process, String replica, String url, String mode, String key, Map<String, String> contexts) {
		Event invoke = this.history.invoke("read", process, replica, mode, key, null, null, null);
		try {
			Http.Response response = Http.to(url).timeout(REQUEST_TIMEOUT).get("/api/" + mode + "/kv/" + key);
			if (response.status() == 200) {
				JsonNode body = response.json();
				List<String> values = new ArrayList<>();
				body.path("values").values().forEach((v) -> values.add(v.isNull() ? null : v.asString()));
				String context = body.path("context").isString() ? body.path("context").asString() : null;
				if (context != null) {
					contexts.put(key, context);
				}
				this.history.complete(invoke, "ok", values, context, null, null);
			}
			else if (response.status() == 404) {
				this.history.complete(invoke, "ok", List.of(), null, null, null);
			}
			else {
				this.history.complete(invoke, (response.status() < 500) ? "fail" : "info", null, null, null,
						"HTTP " + response.status());
			}
		}
		catch (UncheckedIOException ex) {
			this.history.complete(invoke, "info", null, null, null, ex.getCause().toString());
		}
		catch (RuntimeException ex) {
			this.history.complete(invoke, "info", null, null, null, ex.toString());
		}
	}

	/**
	 * Waits for the next slot of a schedule: a client's next operation at its rate, the
	 * nemesis's next fault at its planned time. Not a wait for the cluster to do
	 * something (those use Awaitility): the checker's history needs operations issued on
	 * time, whatever the replicas do.
	 */
	static void sleepNanos(long nanos) {
		// parked as the other paced clients are (LoadDriver, WriteLoad); a park may
		// return early, so until the slot's time; an interrupt ends it with the flag set
		long until = System.nanoTime() + nanos;
		for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

}
