package io.replicationlab.mode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.replicationlab.ReplicationLabApplication;
import io.replicationlab.state.StateDigest;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 point 4: three writers and three readers on one hot key, against a real
 * replica over HTTP (and a real embedded KRaft broker, so that total-order writes are
 * applied while they are read). Every read must come from one consistent snapshot: no
 * 5xx, and a state's digest is the digest of the entries it is shown with.
 * <p>
 * The load lasts {@code -Dhotkey.seconds} per mode (default 5; the figure is 15).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotKeyReadsTests {

	private static final Duration LOAD = Duration.ofSeconds(Long.getLong("hotkey.seconds", 5));

	@TempDir
	static Path dataRoot;

	private EmbeddedKafkaKraftBroker broker;

	private ConfigurableApplicationContext replica;

	private Http http;

	@BeforeAll
	void start() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.afterPropertiesSet();
		this.replica = new SpringApplicationBuilder(ReplicationLabApplication.class).run("--replica.id=hot",
				"--replica.data-dir=" + dataRoot.resolve("hot"), "--server.port=0",
				"--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"--totalorder.poll-timeout=100ms", "--spring.main.banner-mode=off");
		this.http = Http.to(Integer.parseInt(this.replica.getEnvironment().getProperty("local.server.port")));
	}

	@AfterAll
	void stop() {
		this.replica.close();
		this.broker.destroy();
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "total-order", "reconcile" })
	void readsOfAHotKeyNeverSeeHalfAWrite(String mode) throws Exception {
		String key = "hot-" + mode;
		String await = mode.equals("total-order") ? "?await=durable" : "";
		long end = System.nanoTime() + LOAD.toNanos();
		AtomicInteger writes = new AtomicInteger();
		AtomicInteger reads = new AtomicInteger();
		Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < 3; w++) {
				int writer = w;
				done.add(clients.submit(() -> {
					for (int i = 0; System.nanoTime() < end; i++) {
						Http.Response answer = this.http.send("PUT", "/api/" + mode + "/kv/" + key + await, Http.JSON,
								Http.json(Map.of("value", "w" + writer + "-" + i)));
						count(statuses, "PUT", answer, failures);
						writes.incrementAndGet();
					}
				}));
			}
			List<String> paths = List.of("/api/" + mode + "/kv/" + key, "/api/" + mode + "/kv",
					"/api/cluster?mode=" + mode);
			for (int r = 0; r < 3; r++) {
				int reader = r;
				done.add(clients.submit(() -> {
					for (int i = reader; System.nanoTime() < end; i++) {
						String path = paths.get(i % paths.size());
						Http.Response answer = this.http.get(path);
						count(statuses, "GET " + path.replace("/kv/" + key, "/kv/{key}"), answer, failures);
						if (answer.status() == 200 && path.endsWith("/kv") && !mode.equals("reconcile")) {
							checkDigest(answer, failures);
						}
						reads.incrementAndGet();
					}
				}));
			}
			for (Future<?> each : done) {
				each.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		System.out.printf("hot key %s for %ss: %d writes, %d reads, statuses %s%n", mode, LOAD.toSeconds(),
				writes.get(), reads.get(), statuses);
		assertThat(failures)
			.as("answers that show a torn or failed read (%d writes, %d reads)", writes.get(), reads.get())
			.isEmpty();
		assertThat(reads.get()).isPositive();
		assertThat(writes.get()).isPositive();
	}

	private static void count(Map<String, AtomicInteger> statuses, String what, Http.Response answer,
			ConcurrentLinkedQueue<String> failures) {
		statuses.computeIfAbsent(what + " " + answer.status(), (name) -> new AtomicInteger()).incrementAndGet();
		if (answer.status() >= 500) {
			failures.add(what + " -> " + answer);
		}
	}

	/**
	 * The digest a single-value mode shows must be the digest of the entries shown with
	 * it.
	 */
	private static void checkDigest(Http.Response answer, ConcurrentLinkedQueue<String> failures) {
		JsonNode state = answer.json();
		SortedMap<String, List<String>> entries = new TreeMap<>();
		state.path("entries").properties().forEach((entry) -> {
			List<String> values = new ArrayList<>();
			entry.getValue().forEach((value) -> values.add(value.asString()));
			entries.put(entry.getKey(), values);
		});
		String expected = StateDigest.of(entries);
		if (!expected.equals(state.path("digest").asString())) {
			failures.add("digest " + state.path("digest").asString() + " is not that of the entries shown (" + expected
					+ "): " + answer);
		}
	}

}
