package io.replicationlab.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.replicationlab.testing.FreePorts;
import io.replicationlab.testing.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real lab (a KRaft broker and three replica JVMs on free ports, this JVM's
 * classpath) for tests of other packages, the benchmark and the checker: start it (once
 * per test JVM through {@link SharedLab}), drive it through its HTTP controls, close it.
 * Here, in the lab's package, because it drives the package-private
 * {@link LabSupervisor}; public so that its users need no access to that.
 */
public final class LabFixture implements AutoCloseable {

	/**
	 * How long to wait for a process to be ready before calling the lab broken (not a
	 * speed target).
	 */
	public static final Duration STARTUP = Duration.ofSeconds(Long.getLong("labtest.startup-seconds", 240));

	private static final String TOKEN_ARGUMENT = "--replica.cluster-token=";

	private final LabSupervisor lab;

	private final LabSettings settings;

	private final String clusterToken;

	private volatile boolean deleteData;

	private LabFixture(LabSupervisor lab, LabSettings settings, String clusterToken) {
		this.lab = lab;
		this.settings = settings;
		this.clusterToken = clusterToken;
	}

	/**
	 * Starts the lab under {@code dataDir} and waits until every process is ready.
	 * @param replicaArguments handed on to every replica, e.g.
	 * {@code --replica.h2-write-delay=500}
	 */
	public static LabFixture start(Path dataDir, String... replicaArguments) throws IOException {
		return start(dataDir, (message) -> System.out.println("[lab] " + message), List.of(replicaArguments));
	}

	/**
	 * Starts the lab under {@code dataDir}, telling {@code say} what it does, and waits
	 * until every process is ready.
	 * @param arguments handed on to every replica, e.g.
	 * {@code --replica.h2-write-delay=500}, and lab settings such as
	 * {@code --lab.replica-jvm-options=...}
	 */
	public static LabFixture start(Path dataDir, Consumer<String> say, List<String> arguments) throws IOException {
		int base = freeConsecutivePorts(3);
		List<String> args = new ArrayList<>(List.of("--lab.base-port=" + base, "--lab.port=" + FreePorts.any(),
				"--lab.kafka-port=" + FreePorts.any(), "--lab.kafka-controller-port=" + FreePorts.any(),
				"--lab.data-dir=" + dataDir, "--lab.classpath="
						+ System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
		args.addAll(arguments);
		// a token the tests know, so that they can call /internal/** as a peer would
		// (else the lab draws its own)
		String token = args.stream()
			.filter((arg) -> arg.startsWith(TOKEN_ARGUMENT))
			.map((arg) -> arg.substring(TOKEN_ARGUMENT.length()))
			.findFirst()
			.orElseGet(() -> {
				String drawn = Long.toHexString(ThreadLocalRandom.current().nextLong())
						+ Long.toHexString(ThreadLocalRandom.current().nextLong());
				args.add(TOKEN_ARGUMENT + drawn);
				return drawn;
			});
		LabSettings settings = LabSettings.parse(args.toArray(String[]::new));
		long startedAt = System.nanoTime();
		LabFixture fixture = new LabFixture(LabSupervisor.start(settings, say), settings, token);
		try {
			await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
				for (String id : settings.replicaIds()) {
					assertThat(Http.to(settings.replicaUrl(id)).get("/actuator/health/readiness").status()).as(id)
						.isEqualTo(200);
				}
				assertThat(fixture.lab.allRunning()).isTrue();
			});
		}
		catch (RuntimeException | Error ex) {
			fixture.close();
			throw ex;
		}
		say.accept("up in " + Duration.ofNanos(System.nanoTime() - startedAt).toMillis() + " ms");
		return fixture;
	}

	/**
	 * The supervisor's own URL: lab controls sent there survive any replica's death.
	 */
	public String supervisorUrl() {
		return this.settings.supervisorUrl();
	}

	/** The cluster token every replica of this lab requires on {@code /internal/**}. */
	public String clusterToken() {
		return this.clusterToken;
	}

	public List<String> replicaIds() {
		return this.settings.replicaIds();
	}

	public List<String> replicaUrls() {
		return replicaIds().stream().map(this::url).toList();
	}

	/** Where the lab's Kafka broker listens. */
	public String bootstrapServers() {
		return this.settings.bootstrapServers();
	}

	public String url(String id) {
		return this.settings.replicaUrl(id);
	}

	/** A client for replica {@code id}. */
	public Http http(String id) {
		return Http.to(url(id));
	}

	/** A client for the supervisor, whose lab controls survive any replica's death. */
	public Http supervisorHttp() {
		return Http.to(supervisorUrl());
	}

	/** Where replica {@code id} keeps its H2 files. */
	public Path dataDir(String id) {
		return this.settings.dataDir().resolve(id);
	}

	/**
	 * SIGKILL of the replica (through the supervisor's control); returns once the process
	 * is gone.
	 */
	public void kill(String id) throws Exception {
		assertThat(supervisorHttp().sendJson("POST", "/api/lab/replicas/" + id + "/kill", null).status())
			.as("kill " + id)
			.isEqualTo(200);
	}

	/** Starts the replica again on its data directory and waits until it is ready. */
	public void restart(String id) throws Exception {
		assertThat(supervisorHttp().sendJson("POST", "/api/lab/replicas/" + id + "/start", null).status())
			.as("start " + id)
			.isEqualTo(202);
		awaitState(id, "running");
	}

	public void stopKafka() throws Exception {
		assertThat(supervisorHttp().sendJson("POST", "/api/lab/kafka/stop", null).status()).isEqualTo(200);
	}

	public void startKafka() throws Exception {
		assertThat(supervisorHttp().sendJson("POST", "/api/lab/kafka/start", null).status()).isEqualTo(202);
		awaitState("kafka", "running");
	}

	/**
	 * Brings the lab back to how it started, whatever a test class left: every process
	 * running and ready, no partition, no pitfall on, no clock skew (all through the
	 * supervisor, which survives any replica).
	 */
	public void heal() throws Exception {
		for (String id : processIds()) {
			String state = state(id);
			if (state.equals("paused")) {
				supervisorHttp().sendJson("POST", "/api/lab/replicas/" + id + "/resume", null);
			}
			else if (state.equals("stopped")) {
				supervisorHttp().sendJson("POST",
						id.equals("kafka") ? "/api/lab/kafka/start" : "/api/lab/replicas/" + id + "/start", null);
			}
			awaitState(id, "running");
		}
		awaitReady(this.settings);
		http("r1").sendJson("DELETE", "/api/cluster/partition", null);
		for (String id : replicaIds()) {
			for (JsonNode pitfall : http(id).get("/actuator/health/pitfalls")
				.json()
				.path("details")
				.path("on")
				.values()) {
				assertThat(supervisorHttp()
					.sendJson("PUT", "/api/lab/pitfalls/" + pitfall.asString() + "?replica=" + id,
							"{\"enabled\":false}")
					.status()).as("%s off on %s", pitfall, id).isEqualTo(200);
			}
			if (http(id).get("/api/replica").json().path("clockOffsetMillis").asLong() != 0) {
				assertThat(supervisorHttp()
					.sendJson("PUT", "/api/lab/replicas/" + id + "/clock-offset", "{\"offsetMillis\":0}")
					.status()).as("clock of %s", id).isEqualTo(200);
			}
		}
	}

	private List<String> processIds() throws Exception {
		List<String> ids = new ArrayList<>();
		supervisorHttp().get("/api/lab")
			.json()
			.get("processes")
			.values()
			.forEach((process) -> ids.add(process.get("id").asString()));
		return ids;
	}

	private static void awaitReady(LabSettings settings) {
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			for (String id : settings.replicaIds()) {
				assertThat(Http.to(settings.replicaUrl(id)).get("/actuator/health/readiness").status()).as(id)
					.isEqualTo(200);
			}
		});
	}

	private void awaitState(String id, String state) {
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(state(id)).isEqualTo(state));
	}

	public String state(String id) throws Exception {
		for (JsonNode process : supervisorHttp().get("/api/lab").json().get("processes").values()) {
			if (process.get("id").asString().equals(id)) {
				return process.get("state").asString();
			}
		}
		throw new AssertionError("no process " + id);
	}

	LabSettings settings() {
		return this.settings;
	}

	LabSupervisor supervisor() {
		return this.lab;
	}

	/**
	 * Stops every process of the lab and checks that none outlives it (a leaked broker or
	 * replica would hold its ports and files for the rest of the run).
	 */
	@Override
	public void close() {
		List<ProcessHandle> running = this.lab.view()
			.processes()
			.stream()
			.filter((process) -> process.pid() != null)
			.flatMap((process) -> ProcessHandle.of(process.pid()).stream())
			.toList();
		this.lab.close();
		List<Long> outliving = running.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
		if (this.deleteData) {
			try (java.util.stream.Stream<Path> tree = java.nio.file.Files.walk(this.settings.dataDir())) {
				tree.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				System.out.println("[lab] could not delete " + this.settings.dataDir() + ": " + ex.getMessage());
			}
		}
		if (!outliving.isEmpty()) {
			throw new IllegalStateException("processes " + outliving + " outlive the lab");
		}
	}

	/**
	 * Deletes the lab's data directory once it is closed (for a directory the caller
	 * created for it).
	 */
	public LabFixture deletingDataOnClose() {
		this.deleteData = true;
		return this;
	}

	/**
	 * The first of {@code count} consecutive ports nothing listens on now (the lab's
	 * replicas take base, base+1...).
	 */
	static int freeConsecutivePorts(int count) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20000, 40000);
			boolean free = true;
			for (int port = base; port < base + count; port++) {
				free &= PortCheck.isFree(port);
			}
			if (free) {
				return base;
			}
		}
		throw new IllegalStateException("no " + count + " consecutive free ports");
	}

}
