package io.replicationlab.lab;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process of the lab (the broker or one replica): its own JVM, started, killed
 * and restarted on the same data directory. Its output is appended to one log file across
 * restarts.
 * <p>
 * Invariants: at most one OS process per {@code LabProcess} lives at a time;
 * {@code answering} is true only while that process lives and has answered a probe since
 * it started. State changes are serialized by the object's lock; reads ({@link #view()})
 * take no lock, so that a slow stop never blocks {@code GET /api/lab}.
 */
abstract class LabProcess {

	private static final Duration KILL_WAIT = Duration.ofSeconds(15);

	private static final int EXIT_SIGINT = 130;

	private final String id;

	private final String kind;

	private final int port;

	private final Path dataDir;

	private final Path log;

	private final JavaLauncher launcher;

	private final Consumer<String> say;

	private volatile Process process;

	private volatile boolean answering;

	private volatile boolean stopRequested;

	private volatile Integer exitCode;

	private volatile Instant startedAt;

	private volatile int starts;

	private volatile boolean paused;

	/** The command line of the current (or last) process. */
	private volatile List<String> command;

	LabProcess(String id, String kind, int port, Path dataDir, Path log, JavaLauncher launcher, Consumer<String> say) {
		this.id = id;
		this.kind = kind;
		this.port = port;
		this.dataDir = dataDir;
		this.log = log;
		this.launcher = launcher;
		this.say = say;
	}

	/** The main class and its arguments. */
	abstract List<String> mainAndArguments();

	abstract List<String> jvmOptions();

	/** The URL (or address) users reach it at. */
	abstract String url();

	/** Whether it answers now (one short probe). */
	abstract boolean answers();

	/**
	 * The command line: by default a main class of this classpath in a child JVM (see
	 * {@link JavaLauncher}).
	 */
	List<String> command() {
		return this.launcher.command(this.kind, jvmOptions(), mainAndArguments());
	}

	void configure(ProcessBuilder builder) {
		this.launcher.configure(builder);
	}

	/** The ports it listens on, which must be free before it starts. */
	List<Integer> ports() {
		return List.of(this.port);
	}

	/**
	 * Prepares its data directory before each start (a broker writes its configuration
	 * and formats its storage).
	 */
	void prepare() throws IOException {
		Files.createDirectories(this.dataDir);
	}

	final synchronized ProcessView start() {
		if (alive()) {
			throw LabRefusal.conflict(this.id + " is already " + state() + " (pid " + this.process.pid() + ")");
		}
		for (int needed : ports()) {
			if (!PortCheck.isFree(needed)) {
				throw LabRefusal.conflict("Port " + needed + " of " + this.id
						+ " is taken by another process: stop it, or start the lab with other ports");
			}
		}
		try {
			prepare();
			Files.createDirectories(this.log.getParent());
			List<String> command = new ArrayList<>(command());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(this.log.toFile()));
			configure(builder);
			Process started = builder.start();
			this.process = started;
			this.command = command;
			this.answering = false;
			this.stopRequested = false;
			this.exitCode = null;
			this.paused = false;
			this.startedAt = Instant.now();
			this.starts++;
			started.onExit().thenAccept(this::exited);
			return view();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.id + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * SIGKILL on Linux and macOS ({@link Process#destroyForcibly()}): no shutdown hook,
	 * no flush.
	 */
	final synchronized ProcessView kill() {
		Process current = requireAlive();
		this.stopRequested = true;
		this.paused = false;
		current.destroyForcibly();
		awaitExit(current, KILL_WAIT);
		ended(current);
		return view();
	}

	/**
	 * SIGSTOP: the process stays alive and keeps its sockets, but answers nothing until
	 * {@link #resume()}, as a long GC pause or a frozen VM would. The JDK has no signal
	 * API, hence {@code kill -STOP}.
	 */
	final synchronized ProcessView pause() {
		Process current = requireAlive();
		if (this.paused) {
			throw LabRefusal.conflict(this.id + " is already paused");
		}
		signal(current, "STOP");
		this.paused = true;
		return view();
	}

	/** SIGCONT of a paused process. */
	final synchronized ProcessView resume() {
		Process current = requireAlive();
		if (!this.paused) {
			throw LabRefusal.conflict(this.id + " is not paused");
		}
		signal(current, "CONT");
		this.paused = false;
		return view();
	}

	private static void signal(Process process, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
				.redirectErrorStream(true)
				.start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("kill -" + signal + " " + process.pid() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * SIGTERM, so that it shuts down cleanly; SIGKILL if it has not ended within
	 * {@code grace}.
	 */
	final synchronized ProcessView stop(Duration grace) {
		Process current = requireAlive();
		this.stopRequested = true;
		current.destroy();
		if (this.paused) {
			// a stopped process acts on SIGTERM only once continued
			signal(current, "CONT");
			this.paused = false;
		}
		if (!awaitExit(current, grace)) {
			this.say.accept(this.id + " did not stop within " + grace.toSeconds() + " s: killing it");
			current.destroyForcibly();
			awaitExit(current, KILL_WAIT);
		}
		ended(current);
		return view();
	}

	/** Stops it if it runs (when the lab shuts down); quiet when it does not. */
	final void stopQuietly(Duration grace) {
		try {
			if (alive()) {
				stop(grace);
			}
		}
		catch (RuntimeException ex) {
			this.say.accept("Could not stop " + this.id + ": " + ex.getMessage());
		}
	}

	/** Begins a SIGTERM without waiting (to stop several processes at once). */
	final void signalStop() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			this.stopRequested = true;
			current.destroy();
		}
	}

	/**
	 * Probes a live process that has not answered yet; called by the supervisor's
	 * monitor.
	 */
	final void probe() {
		Process current = this.process;
		if (current != null && current.isAlive() && !this.answering && answers() && current == this.process) {
			this.answering = true;
			this.say.accept(this.id + " is up at " + url() + " (pid " + current.pid() + ")");
		}
	}

	final boolean alive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	final String state() {
		if (!alive()) {
			return ProcessView.STOPPED;
		}
		if (this.paused) {
			return ProcessView.PAUSED;
		}
		return this.answering ? ProcessView.RUNNING : ProcessView.STARTING;
	}

	final ProcessView view() {
		Process current = this.process;
		boolean alive = current != null && current.isAlive();
		return new ProcessView(this.id, this.kind, state(), alive ? current.pid() : null, this.port, url(),
				this.dataDir.toString(), this.log.toString(), alive ? null : this.exitCode, this.startedAt,
				this.starts);
	}

	final String id() {
		return this.id;
	}

	final int port() {
		return this.port;
	}

	final Path dataDir() {
		return this.dataDir;
	}

	final Path log() {
		return this.log;
	}

	final JavaLauncher launcher() {
		return this.launcher;
	}

	private Process requireAlive() {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw LabRefusal.conflict(this.id + " is not running");
		}
		return current;
	}

	private void ended(Process ended) {
		if (!ended.isAlive() && ended == this.process) {
			this.exitCode = ended.exitValue();
			this.answering = false;
			this.launcher.exited(this.command);
		}
	}

	private void exited(Process ended) {
		if (ended != this.process) {
			return;
		}
		ended(ended);
		// 130 = SIGINT: Ctrl-C in a terminal reaches the whole process group, the
		// children as well as the supervisor
		if (!this.stopRequested && this.exitCode != null && this.exitCode != EXIT_SIGINT) {
			this.say.accept(this.id + " (pid " + ended.pid() + ") exited by itself with code " + this.exitCode
					+ "; see " + this.log);
		}
	}

	private static boolean awaitExit(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
