package io.replicationlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * One replica running as its own operating-system process ({@code java -cp} of the test
 * classpath), so that a test can kill it for real. Its output goes to
 * {@code replica-<n>.log} beside its data directory.
 */
public final class ReplicaProcess implements AutoCloseable {

	/** The exit status of a process killed by SIGKILL (128 + 9). */
	public static final int KILLED_BY_SIGKILL = 137;

	private static final String MAIN_CLASS = "io.replicationlab.ReplicationLabApplication";

	private final Process process;

	private final Path log;

	private final int port;

	private ReplicaProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts a replica and waits until it is ready.
	 * @param extraArguments further {@code --name=value} arguments
	 */
	public static ReplicaProcess start(String id, Path dataDir, String... extraArguments) {
		return start(id, FreePorts.any(), dataDir, extraArguments);
	}

	/**
	 * Starts a replica on a port chosen beforehand (so that its peers can be told it) and
	 * waits until it is ready.
	 */
	public static ReplicaProcess start(String id, int port, Path dataDir, String... extraArguments) {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", testClassPath(), MAIN_CLASS, "--replica.id=" + id, "--server.port=" + port,
				"--replica.data-dir=" + dataDir));
		command.addAll(List.of(extraArguments));
		try {
			Files.createDirectories(dataDir);
			Path log = Files.createTempFile(dataDir.getParent(), "replica-" + id + "-", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			ReplicaProcess replica = new ReplicaProcess(process, log, port);
			replica.awaitReady();
			return replica;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Http http() {
		return Http.to(this.port);
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/**
	 * Sends SIGKILL ({@link Process#destroyForcibly()} on Linux) and returns the exit
	 * status once it is gone.
	 */
	public int kill() {
		this.process.destroyForcibly();
		try {
			return this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The last lines the replica printed, for failure messages. */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void awaitReady() {
		try {
			await("replica on port " + this.port + " ready").atMost(Duration.ofMinutes(6))
				.pollInterval(Duration.ofMillis(250))
				.ignoreException(UncheckedIOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException(
								"replica exited with " + this.process.exitValue() + ":\n" + logTail());
					}
					return http().get("/actuator/health/readiness").status() == 200;
				});
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The real test classpath: surefire runs tests from a manifest-only jar, so
	 * {@code java.class.path} may hold just that jar, while
	 * {@code surefire.test.class.path} holds the entries.
	 */
	private static String testClassPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		return (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
	}

}
