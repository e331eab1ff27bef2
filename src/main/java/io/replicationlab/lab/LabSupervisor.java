package io.replicationlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the lab: one Kafka broker and the replicas, each its own OS process, started
 * together and watched until they answer; serves the lab controls ({@link LabApi}); stops
 * everything on {@link #close()}. A plain Java object without a Spring context, so that
 * the lab starts in the time of its children.
 * <p>
 * Invariant: the supervisor owns its children; none outlives it ({@link #close()} stops
 * them, and each child ends by itself when the supervisor's process is gone, see
 * {@link LabChild}).
 */
final class LabSupervisor implements AutoCloseable {

	private static final Pattern LAB_ENTRY = Pattern.compile("kafka|kafka\\.log|r\\d+|r\\d+\\.log");

	private static final Duration REPLICA_STOP_GRACE = Duration.ofSeconds(15);

	private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);

	/** A first stop may still be dumping class data archives (see ClassDataSharing). */
	private static final Duration ARCHIVE_DUMP_WAIT = Duration.ofMinutes(3);

	private final LabSettings settings;

	private final Consumer<String> say;

	private final JavaLauncher launcher;

	private final KafkaBroker kafka;

	/**
	 * The lab's Zipkin, when it traces ({@code --lab.tracing=true}); {@code null}
	 * otherwise.
	 */
	private final ZipkinServer zipkin;

	private final Map<String, ReplicaProcess> replicas = new LinkedHashMap<>();

	private final ScheduledExecutorService monitor;

	private final LabApi api;

	private final InternalControls internalControls;

	private final LabPitfalls pitfalls;

	private volatile boolean closed;

	private LabSupervisor(LabSettings settings, Consumer<String> say) throws IOException {
		this.settings = settings;
		this.say = say;
		JavaLauncher launcher = new JavaLauncher(settings.classpath(), ProcessHandle.current().pid(),
				classDataSharing(settings, say));
		this.launcher = launcher;
		// a fresh secret per run: the replicas refuse the public default, and a stale
		// lab's token is no key to this one
		String clusterToken = ReplicaProcess.freshToken();
		this.kafka = new KafkaBroker(settings, launcher, say);
		this.internalControls = new InternalControls(settings, clusterToken);
		this.pitfalls = new LabPitfalls(this.internalControls, say);
		this.zipkin = settings.tracing() ? new ZipkinServer(settings, launcher, say) : null;
		for (String id : settings.replicaIds()) {
			this.replicas.put(id, new ReplicaProcess(id, settings, clusterToken, launcher, say));
		}
		this.monitor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lab-monitor");
			thread.setDaemon(true);
			return thread;
		});
		this.api = new LabApi(this, settings.port());
	}

	/**
	 * Checks the ports, clears the data when asked ({@code --lab.fresh}), serves the lab
	 * controls and starts the broker and every replica, without waiting for them (see
	 * {@link #awaitRunning}).
	 */
	static LabSupervisor start(LabSettings settings, Consumer<String> say) throws IOException {
		requireBrokerClasses(LabSupervisor.class.getClassLoader());
		requireFreePorts(settings);
		Files.createDirectories(settings.dataDir());
		if (settings.fresh()) {
			deleteLabData(settings.dataDir(), say);
		}
		LabSupervisor supervisor = new LabSupervisor(settings, say);
		try {
			supervisor.api.start();
			if (supervisor.zipkin != null) {
				supervisor.zipkin.start();
			}
			supervisor.kafka.start();
			supervisor.replicas.values().forEach(LabProcess::start);
			// a probe asks only the processes that have not answered yet (a refused
			// connection while one starts), so probing often costs little and a process
			// is seen up within 100 ms rather than half a second
			supervisor.monitor.scheduleWithFixedDelay(supervisor::probe, 100, 100, TimeUnit.MILLISECONDS);
			return supervisor;
		}
		catch (RuntimeException | IOException ex) {
			supervisor.close();
			throw ex;
		}
	}

	/**
	 * The class data archives under {@code lab.cds-dir}; {@code null} (no archives, a
	 * slower start) when switched off or when its jars cannot be written.
	 */
	private static ClassDataSharing classDataSharing(LabSettings settings, Consumer<String> say) {
		if (settings.cdsDir() == null) {
			return null;
		}
		try {
			return ClassDataSharing.prepare(settings.cdsDir(), settings.classpath(), say);
		}
		catch (IOException | RuntimeException ex) {
			say.accept("Starting without class data sharing (" + settings.cdsDir() + ": " + ex + ")");
			return null;
		}
	}

	/**
	 * The production jar and image leave Kafka's broker out; say so before anything
	 * starts.
	 */
	static void requireBrokerClasses(ClassLoader loader) {
		if (!KafkaNode.serverClassesPresent(loader)) {
			throw new IllegalStateException("this build has no Kafka broker (" + KafkaNode.KAFKA
					+ " is not on the classpath: the jar was built with -Pproduction, which leaves out kafka_2.13, "
					+ "Scala and log4j-core). Run the lab with ./mvnw spring-boot:run or a jar built without "
					+ "-Pproduction, or run one replica: set REPLICA_ID, REPLICA_PEERS and SPRING_KAFKA_BOOTSTRAP_SERVERS.");
		}
	}

	/** Prints with the time of day, as the supervisor's console output. */
	static Consumer<String> console() {
		DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
		return (message) -> System.out.println(LocalTime.now().format(time) + " [lab] " + message);
	}

	/** Waits until every process answers. */
	boolean awaitRunning(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (allRunning()) {
				return true;
			}
			if (anyStopped() || this.closed) {
				return false;
			}
			Thread.sleep(50);
		}
		return false;
	}

	boolean allRunning() {
		return processes().stream().allMatch((process) -> ProcessView.RUNNING.equals(process.state()));
	}

	boolean anyStopped() {
		return processes().stream().anyMatch((process) -> ProcessView.STOPPED.equals(process.state()));
	}

	LabView view() {
		return new LabView(ProcessHandle.current().pid(), this.settings.supervisorUrl(),
				this.settings.bootstrapServers(), this.settings.dataDir().toString(),
				processes().stream().map(LabProcess::view).toList());
	}

	ProcessView killReplica(String id) {
		ProcessView view = replica(id).kill();
		this.say.accept(id + " killed (SIGKILL), exit code " + view.exitCode());
		return view;
	}

	ProcessView startReplica(String id) {
		ProcessView view = replica(id).start();
		this.say.accept(id + " starting again on " + view.dataDir() + " (pid " + view.pid() + ")");
		return view;
	}

	ProcessView pauseReplica(String id) {
		ProcessView view = replica(id).pause();
		this.say.accept(id + " paused (SIGSTOP)");
		return view;
	}

	ProcessView resumeReplica(String id) {
		ProcessView view = replica(id).resume();
		this.say.accept(id + " resumed (SIGCONT)");
		return view;
	}

	InternalControls.ClockOffset setClockOffset(String id, long offsetMillis) {
		replica(id);
		InternalControls.ClockOffset view = this.internalControls.setClockOffset(id, offsetMillis);
		this.say.accept(id + " clock offset " + offsetMillis + " ms");
		return view;
	}

	/** See {@link LabPitfalls#set}. */
	LabPitfalls.Switched setPitfall(String name, boolean enabled, String only) {
		return this.pitfalls.set(name, enabled,
				(only != null) ? List.of(replica(only)) : List.copyOf(this.replicas.values()));
	}

	ProcessView killKafka() {
		ProcessView view = this.kafka.kill();
		this.say.accept("Kafka killed (SIGKILL), exit code " + view.exitCode() + "; its data is kept");
		return view;
	}

	ProcessView stopKafka() {
		ProcessView view = this.kafka.stop(KAFKA_STOP_GRACE);
		this.say.accept("Kafka stopped (exit code " + view.exitCode() + "); its data is kept");
		return view;
	}

	ProcessView startKafka() {
		ProcessView view = this.kafka.start();
		this.say.accept("Kafka starting again (pid " + view.pid() + ")");
		return view;
	}

	boolean isClosed() {
		return this.closed;
	}

	LabSettings settings() {
		return this.settings;
	}

	/** Stops the replicas (all at once), then the broker; idempotent. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.monitor.shutdownNow();
		this.api.stop();
		this.replicas.values().forEach(LabProcess::signalStop);
		this.replicas.values().forEach((replica) -> replica.stopQuietly(REPLICA_STOP_GRACE));
		this.kafka.stopQuietly(KAFKA_STOP_GRACE);
		if (this.zipkin != null) {
			this.zipkin.stopQuietly(KAFKA_STOP_GRACE);
		}
		this.launcher.awaitArchives(ARCHIVE_DUMP_WAIT);
	}

	private List<LabProcess> processes() {
		List<LabProcess> processes = new ArrayList<>();
		processes.add(this.kafka);
		if (this.zipkin != null) {
			processes.add(this.zipkin);
		}
		processes.addAll(this.replicas.values());
		return processes;
	}

	private ReplicaProcess replica(String id) {
		ReplicaProcess replica = this.replicas.get(id);
		if (replica == null) {
			throw LabRefusal.unknown(id);
		}
		return replica;
	}

	private void probe() {
		try {
			processes().forEach(LabProcess::probe);
		}
		catch (RuntimeException ex) {
			this.say.accept("Probe failed: " + ex);
		}
	}

	private static void requireFreePorts(LabSettings settings) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("the lab controls (--lab.port)", settings.port());
		ports.put("Kafka (--lab.kafka-port)", settings.kafkaPort());
		if (settings.tracing()) {
			ports.put("Zipkin (--lab.zipkin-port)", settings.zipkinPort());
		}
		ports.put("Kafka's controller (--lab.kafka-controller-port)", settings.kafkaControllerPort());
		settings.replicaIds().forEach((id) -> ports.put(id + " (--lab.base-port)", settings.replicaPort(id)));
		List<String> taken = new ArrayList<>();
		ports.forEach((what, port) -> {
			if (!PortCheck.isFree(port)) {
				taken.add(port + " for " + what);
			}
		});
		if (new java.util.HashSet<>(ports.values()).size() != ports.size()) {
			throw new IllegalArgumentException("The lab's ports overlap: " + ports);
		}
		if (!taken.isEmpty()) {
			throw new IllegalStateException("Port(s) in use: " + String.join(", ", taken)
					+ ". Is another lab or replica running? Stop it, or choose other ports.");
		}
	}

	/**
	 * Deletes only what the lab itself writes there: {@code kafka/}, {@code rN/} and
	 * their logs.
	 */
	private static void deleteLabData(Path dataDir, Consumer<String> say) throws IOException {
		try (Stream<Path> entries = Files.list(dataDir)) {
			for (Path entry : entries.filter((path) -> LAB_ENTRY.matcher(path.getFileName().toString()).matches())
				.toList()) {
				deleteRecursively(entry);
			}
		}
		say.accept("Fresh start: deleted the previous lab data in " + dataDir);
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> tree = Files.walk(path)) {
			tree.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.delete(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
