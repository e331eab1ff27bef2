package io.replicationlab.lab;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the lab runs: how many replicas on which ports, where the broker listens, where
 * data and logs go. Read from {@code --lab.name=value} arguments (or
 * {@code -Dlab.name=value} system properties); every other argument is handed on to each
 * replica unchanged, so {@code --logging.level.root=debug} reaches them all.
 *
 * @param replicas how many replicas ({@code r1}..{@code rN}), 1-9
 * @param basePort the HTTP port of {@code r1}; {@code rK} listens on
 * {@code basePort + K - 1}
 * @param port the supervisor's own HTTP port ({@code GET /api/lab} and the lab controls)
 * @param kafkaPort the broker's PLAINTEXT port: the bootstrap address is
 * {@code localhost:<kafkaPort>}
 * @param kafkaControllerPort the broker's KRaft controller port
 * @param dataDir where {@code kafka/}, {@code r1/}.. and their logs live, absolute
 * @param fresh whether to delete the lab's previous data before starting
 * @param classpath the classpath the child JVMs run with (by default this JVM's own)
 * @param replicaJvmOptions JVM options of each replica
 * @param kafkaJvmOptions JVM options of the broker
 * @param startupTimeout how long to wait for every process to answer before saying that
 * it did not
 * @param replicaArguments arguments handed on to every replica
 * @param tracing whether the lab runs Zipkin and every replica reports its spans to it
 * (all of them: sampling 1.0)
 * @param zipkinPort Zipkin's HTTP port (UI and span intake)
 * @param zipkinJar Zipkin's executable jar ({@code ./mvnw -Pzipkin ...} puts it at the
 * default place)
 * @param checkDir where the checker ({@code ./mvnw -Pcheck verify}) writes its runs: the
 * supervisor serves the newest ({@code GET /api/lab/checks/latest}) so that the dashboard
 * can link it
 * @param cdsDir where the class data archives of the child JVMs and the jars of the
 * classpath's directories are kept ({@link ClassDataSharing}); {@code null}: none
 */
record LabSettings(int replicas, int basePort, int port, int kafkaPort, int kafkaControllerPort, Path dataDir,
		boolean fresh, String classpath, List<String> replicaJvmOptions, List<String> kafkaJvmOptions,
		Duration startupTimeout, List<String> replicaArguments, boolean tracing, int zipkinPort, Path zipkinJar,
		Path checkDir, Path cdsDir) {

	static final String PREFIX = "lab.";

	/**
	 * A replica's live set after a benchmark run is ~55 MiB (BENCHMARKS.md, memory); a
	 * heap of 128 MiB leaves room for a load's garbage without holding twice that
	 * uncollected. C1 only: starts faster.
	 */
	static final String REPLICA_JVM_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

	/**
	 * The options {@link #parse} understands, with their defaults, for the usage message.
	 */
	static final Map<String, String> OPTIONS = options();

	LabSettings {
		if (replicas < 1 || replicas > 9) {
			throw new IllegalArgumentException("lab.replicas must be 1-9, not " + replicas);
		}
		for (int candidate : new int[] { basePort, basePort + replicas - 1, port, kafkaPort, kafkaControllerPort }) {
			if (candidate < 1 || candidate > 65535) {
				throw new IllegalArgumentException("lab ports must be 1-65535, not " + candidate);
			}
		}
		dataDir = dataDir.toAbsolutePath().normalize();
		checkDir = checkDir.toAbsolutePath().normalize();
		cdsDir = (cdsDir != null) ? cdsDir.toAbsolutePath().normalize() : null;
		replicaJvmOptions = List.copyOf(replicaJvmOptions);
		kafkaJvmOptions = List.copyOf(kafkaJvmOptions);
		replicaArguments = List.copyOf(replicaArguments);
	}

	private static Map<String, String> options() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("replicas", "3");
		options.put("base-port", "8081");
		options.put("port", "8080");
		options.put("kafka-port", "9092");
		options.put("kafka-controller-port", "<kafka-port + 1>");
		options.put("data-dir", "./data");
		options.put("fresh", "false");
		options.put("classpath", "<this JVM's classpath>");
		options.put("replica-jvm-options", REPLICA_JVM_OPTIONS);
		options.put("kafka-jvm-options", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
		options.put("startup-timeout", "120s");
		options.put("pitfalls", "");
		options.put("tracing", "false");
		options.put("zipkin-port", "9411");
		options.put("zipkin-jar", "target/lab/zipkin-server.jar");
		options.put("check-dir", "target/check");
		options.put("cds-dir", "target/lab/cds (off: none)");
		return Collections.unmodifiableMap(options);
	}

	/**
	 * Reads {@code --lab.*} arguments, falling back to {@code -Dlab.*} system properties,
	 * then to the defaults.
	 * @throws IllegalArgumentException for an unknown {@code lab.} option or a malformed
	 * value
	 */
	static LabSettings parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (String name : System.getProperties().stringPropertyNames()) {
			// only the known options: other lab.* system properties may belong to someone
			// else
			if (name.startsWith(PREFIX) && OPTIONS.containsKey(name.substring(PREFIX.length()))) {
				given.put(name.substring(PREFIX.length()), System.getProperty(name));
			}
		}
		List<String> replicaArguments = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--" + PREFIX)) {
				String option = arg.substring(2 + PREFIX.length());
				int equals = option.indexOf('=');
				given.put((equals < 0) ? option : option.substring(0, equals),
						(equals < 0) ? "true" : option.substring(equals + 1));
			}
			else {
				replicaArguments.add(arg);
			}
		}
		Set<String> unknown = new TreeSet<>(given.keySet());
		unknown.removeAll(OPTIONS.keySet());
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown lab option(s) " + unknown + "; the lab understands "
					+ OPTIONS.keySet().stream().map((name) -> "--lab." + name).toList());
		}
		if (!given.getOrDefault("pitfalls", "").isBlank()) {
			// every replica of the lab breaks the same guarantees (see Pitfall)
			replicaArguments.add("--replica.pitfalls=" + given.get("pitfalls"));
		}
		int kafkaPort = integer(given, "kafka-port", 9092);
		return new LabSettings(integer(given, "replicas", 3), integer(given, "base-port", 8081),
				integer(given, "port", 8080), kafkaPort, integer(given, "kafka-controller-port", kafkaPort + 1),
				Path.of(given.getOrDefault("data-dir", "data")),
				Boolean.parseBoolean(given.getOrDefault("fresh", "false")),
				given.getOrDefault("classpath", System.getProperty("java.class.path")),
				words(given.getOrDefault("replica-jvm-options", REPLICA_JVM_OPTIONS)),
				words(given.getOrDefault("kafka-jvm-options", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")),
				duration(given.getOrDefault("startup-timeout", "120s")), replicaArguments,
				Boolean.parseBoolean(given.getOrDefault("tracing", "false")), integer(given, "zipkin-port", 9411),
				Path.of(given.getOrDefault("zipkin-jar", "target/lab/zipkin-server.jar")).toAbsolutePath(),
				Path.of(given.getOrDefault("check-dir", "target/check")), cdsDir(given.getOrDefault("cds-dir", "")));
	}

	/** The ids of the replicas, {@code r1}..{@code rN}. */
	List<String> replicaIds() {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= this.replicas; i++) {
			ids.add("r" + i);
		}
		return ids;
	}

	int replicaPort(String id) {
		return this.basePort + Integer.parseInt(id.substring(1)) - 1;
	}

	String bootstrapServers() {
		return "localhost:" + this.kafkaPort;
	}

	String zipkinUrl() {
		return "http://localhost:" + this.zipkinPort;
	}

	/**
	 * What each replica is told when the lab traces: report every span to the lab's
	 * Zipkin, link ops to it.
	 */
	List<String> tracingArguments() {
		if (!this.tracing) {
			return List.of();
		}
		return List.of("--management.tracing.sampling.probability=1.0",
				"--management.tracing.export.zipkin.enabled=true",
				"--management.tracing.export.zipkin.endpoint=" + zipkinUrl() + "/api/v2/spans",
				"--management.opentelemetry.tracing.export.schedule-delay=1s", "--tracing.ui-url=" + zipkinUrl());
	}

	String supervisorUrl() {
		return "http://localhost:" + this.port;
	}

	/** Every replica's URL, in the {@code replica.peers} form each replica is given. */
	String peers() {
		return String.join(",", replicaIds().stream().map((id) -> id + "=" + replicaUrl(id)).toList());
	}

	String replicaUrl(String id) {
		return "http://localhost:" + replicaPort(id);
	}

	/**
	 * The classpath split into entries (for telling a plain classpath from one executable
	 * Spring Boot jar).
	 */
	List<String> classpathEntries() {
		return List.of(this.classpath.split(File.pathSeparator));
	}

	private static Path cdsDir(String value) {
		if (value.isBlank()) {
			return Path.of("target", "lab", "cds");
		}
		return "off".equals(value.trim()) ? null : Path.of(value.trim());
	}

	private static int integer(Map<String, String> given, String name, int fallback) {
		String value = given.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--lab." + name + " must be a whole number, not '" + value + "'");
		}
	}

	private static List<String> words(String value) {
		return List.of(value.trim().split("\\s+")).stream().filter((word) -> !word.isEmpty()).toList();
	}

	private static Duration duration(String value) {
		String trimmed = value.trim();
		try {
			return trimmed.endsWith("s")
					? Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)))
					: Duration.ofSeconds(Long.parseLong(trimmed));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--lab.startup-timeout must be seconds like 120s, not '" + value + "'");
		}
	}

}
