package io.replicationlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Application class data sharing (AppCDS) for the lab's child JVMs: the classes a broker
 * or a replica loads from its dependencies while it starts are archived once, in a static
 * archive ({@code -Xshare:dump}), and mapped by every later start
 * ({@code -XX:SharedArchiveFile}) instead of being read, parsed and verified again.
 * <p>
 * The archive covers the classpath's jars (the dependencies), not the application's own
 * classes: Java 17 maps an archive only while the classpath begins with the one it was
 * dumped with, so the children run with the dependencies first and the application's jars
 * after them, and an archive outlives every rebuild of the application (the first start
 * of a new build maps it too). The application's directories ({@code target/classes}
 * under {@code ./mvnw spring-boot:run}) are copied into jars named by a fingerprint of
 * their files, under {@code lab.cds-dir}; no class or resource of theirs exists in a
 * dependency, so their place in the classpath changes no lookup.
 * <p>
 * An archive is recorded in two steps: the first child of a kind lists the classes it
 * loads ({@code -XX:DumpLoadedClassList}, which costs it next to nothing), and when it
 * has exited the supervisor dumps the archive from that list in a JVM of its own. An
 * archive's name holds a fingerprint of the dependencies, of the JDK and of the JVM
 * options, so a changed dependency or option selects a new archive rather than a
 * mismatched one; should an archive still not match (a jar of the local Maven repository
 * replaced in place), the JVM says so in the child's log and starts without it
 * ({@code -Xshare:auto}, the default). A truncated archive, though, crashes Java 17's JVM
 * at startup: hence an archive is moved into place only after a JVM has mapped it with
 * {@code -Xshare:on}.
 * <p>
 * Invariant: at most one process per archive name records its classes at a time (of this
 * supervisor), and the archive is dumped into a file of its own that is moved into place
 * only once it maps, so that no child ever maps an archive still being written.
 */
final class ClassDataSharing {

	private static final String RECORD = "-XX:DumpLoadedClassList=";

	private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(10);

	/** A dump takes tens of CPU seconds (every listed class loaded and verified). */
	private static final long DUMP_TIMEOUT_SECONDS = 600;

	private final Path dir;

	private final String classpath;

	/**
	 * The classpath's jars: what an archive covers, the beginning of {@link #classpath}.
	 */
	private final String dependencies;

	private final String fingerprint;

	private final Consumer<String> say;

	/** Archive name -> the class list its recording process writes. */
	private final Map<String, Path> recording = new ConcurrentHashMap<>();

	/**
	 * Dumps run here, not on the thread that saw the child exit: a kill or a stop must
	 * not wait for one.
	 */
	private final ExecutorService dumps = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "lab-class-data-dump");
		thread.setDaemon(true);
		return thread;
	});

	private ClassDataSharing(Path dir, String classpath, String dependencies, String fingerprint,
			Consumer<String> say) {
		this.dir = dir;
		this.classpath = classpath;
		this.dependencies = dependencies;
		this.fingerprint = fingerprint;
		this.say = say;
	}

	/**
	 * Prepares the jars of the classpath's directories under {@code dir} (reused when
	 * their files have not changed).
	 */
	static ClassDataSharing prepare(Path dir, String classpath, Consumer<String> say) throws IOException {
		Files.createDirectories(dir);
		List<String> dependencies = new ArrayList<>();
		List<String> own = new ArrayList<>();
		MessageDigest digest = DirectoryJar.sha256();
		digest.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "\n")
			.getBytes(StandardCharsets.UTF_8));
		for (String entry : classpath.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (Files.isDirectory(path)) {
				own.add(DirectoryJar.of(path, dir).toString());
			}
			else if (Files.exists(path)) {
				digest.update((path + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis() + "\n")
					.getBytes(StandardCharsets.UTF_8));
				dependencies.add(path.toString());
			}
		}
		List<String> all = new ArrayList<>(dependencies);
		all.addAll(own);
		return new ClassDataSharing(dir, String.join(File.pathSeparator, all),
				String.join(File.pathSeparator, dependencies), HexFormat.of().formatHex(digest.digest(), 0, 8), say);
	}

	/** The classpath the children run with: jars only, the dependencies first. */
	String classpath() {
		return this.classpath;
	}

	/**
	 * The class data sharing options of a child of this kind with these JVM options: map
	 * the archive if there is one, else list the classes it loads unless another child of
	 * this supervisor already does.
	 */
	List<String> options(String kind, List<String> jvmOptions) {
		String name = kind + "-" + this.fingerprint + "-" + fingerprint(String.join(" ", jvmOptions)) + ".jsa";
		Path archive = this.dir.resolve(name);
		if (Files.isRegularFile(archive)) {
			return List.of("-XX:SharedArchiveFile=" + archive);
		}
		Path classList = this.dir.resolve(name + "." + ProcessHandle.current().pid() + ".classlist");
		if (recentlyAttempted(archive) || this.recording.putIfAbsent(name, classList) != null) {
			return List.of();
		}
		return List.of(RECORD + classList);
	}

	/**
	 * Whether a lab (any, of this directory) began recording this archive within
	 * {@link #RETRY_AFTER}, and marks an attempt now if not. A dump takes tens of CPU
	 * seconds: should one fail, one lab in ten minutes pays for another attempt, not
	 * every lab.
	 */
	private static boolean recentlyAttempted(Path archive) {
		Path marker = archive.resolveSibling(archive.getFileName() + ".attempt");
		try {
			if (Files.exists(marker) && Files.getLastModifiedTime(marker)
				.toInstant()
				.isAfter(java.time.Instant.now().minus(RETRY_AFTER))) {
				return true;
			}
			Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * After a child exited: dumps the archive from the classes it listed (if it did), and
	 * moves it into place, so that the next starts map it, once a JVM has mapped it with
	 * {@code -Xshare:on}: Java 17 crashes on a truncated archive rather than ignore it.
	 */
	void exited(List<String> command) {
		for (String option : command) {
			if (option.startsWith(RECORD)) {
				Path classList = Path.of(option.substring(RECORD.length()));
				String name = classList.getFileName().toString();
				String archive = name.substring(0, name.indexOf(".jsa") + ".jsa".length());
				// once per recording: a stop and the exit callback both report the same
				// exit
				if (this.recording.remove(archive, classList)) {
					try {
						this.dumps.execute(() -> dump(classList, this.dir.resolve(archive), command));
					}
					catch (RejectedExecutionException ex) {
						deleteQuietly(classList);
					}
				}
			}
		}
	}

	/**
	 * Waits for the dumps begun so far (the lab stops: the first lab's archives are kept
	 * even when it stops right after its start), then takes no more.
	 */
	void awaitDumps(java.time.Duration timeout) {
		this.dumps.shutdown();
		try {
			if (!this.dumps.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.say.accept("Stopped without the class data archive (its dump took over " + timeout.toSeconds()
						+ " s); a later lab records it again");
				this.dumps.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void dump(Path classList, Path archive, List<String> command) {
		Path temporary = archive.resolveSibling(classList.getFileName() + ".jsa.tmp");
		try {
			if (!Files.isRegularFile(classList) || Files.size(classList) == 0) {
				return;
			}
			completeLines(classList);
			this.say.accept("Recording the class data archive " + archive.getFileName()
					+ " (once for these dependencies and options; later starts map it)");
			List<String> dump = new ArrayList<>();
			dump.add(command.get(0));
			dump.addAll(jvmOptions(command));
			dump.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
					"-XX:SharedArchiveFile=" + temporary, "-cp", this.dependencies));
			if (run(dump, null) && Files.isRegularFile(temporary) && maps(temporary, command)) {
				Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".attempt"));
				this.say.accept("Class data archive written: " + archive.getFileName() + " (later starts map it)");
			}
		}
		catch (IOException ex) {
			this.say.accept("Could not keep the class data archive " + archive + ": " + ex.getMessage());
		}
		finally {
			deleteQuietly(temporary);
			deleteQuietly(classList);
		}
	}

	/**
	 * Cuts a class list after its last complete line: a child killed while it loaded a
	 * class may have written half a name.
	 */
	private static void completeLines(Path classList) throws IOException {
		byte[] bytes = Files.readAllBytes(classList);
		int end = bytes.length;
		while (end > 0 && bytes[end - 1] != '\n') {
			end--;
		}
		if (end < bytes.length) {
			Files.write(classList, java.util.Arrays.copyOf(bytes, end));
		}
	}

	/**
	 * Whether a JVM with the child's options and classpath maps the archive
	 * ({@code -Xshare:on} refuses to start otherwise).
	 */
	private boolean maps(Path archive, List<String> command) {
		List<String> check = new ArrayList<>();
		check.add(command.get(0));
		check.add("-XX:SharedArchiveFile=" + archive);
		check.add("-Xshare:on");
		check.addAll(jvmOptions(command));
		check.add("-version");
		return run(check, this.classpath);
	}

	/** The child's own JVM options, without the class data sharing ones. */
	private static List<String> jvmOptions(List<String> command) {
		return command.stream()
			.skip(1)
			.takeWhile((option) -> option.startsWith("-") && !option.startsWith("-D" + LabChild.PARENT_PID))
			.filter((option) -> !option.startsWith(RECORD) && !option.startsWith("-XX:SharedArchiveFile="))
			.toList();
	}

	/** Runs a JVM to its end, its output discarded; whether it ended with 0. */
	private static boolean run(List<String> command, String classpath) {
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			if (classpath != null) {
				builder.environment().put("CLASSPATH", classpath);
			}
			Process process = builder.start();
			if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a leftover temporary file, overwritten or ignored by the next attempt
		}
	}

	private static String fingerprint(String text) {
		return HexFormat.of().formatHex(DirectoryJar.sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 4);
	}

}
