package io.replicationlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Application class data sharing (AppCDS) for the lab's child JVMs: the classes a broker
 * or a replica loads while it starts are archived once, at the exit of a first run
 * ({@code -XX:ArchiveClassesAtExit}), and mapped by every later start
 * ({@code -XX:SharedArchiveFile}) instead of being read, parsed and verified again.
 * <p>
 * Java 17 archives only classes loaded from jars, so every directory of the classpath
 * ({@code target/classes} under {@code ./mvnw spring-boot:run}) is copied into a jar
 * named by a fingerprint of its files, under {@code lab.cds-dir}, and the children run
 * from those jars. An archive's name holds a fingerprint of the whole classpath and of
 * the JVM options, so a rebuilt class or a changed option selects a new archive rather
 * than a mismatched one; should an archive still not match (a jar of the local Maven
 * repository replaced in place, a file of garbage), the JVM says so in the child's log
 * and starts without it ({@code -Xshare:auto}, the default). A truncated archive, though,
 * crashes Java 17's JVM at startup: hence an archive is moved into place only after a JVM
 * has mapped it with {@code -Xshare:on}.
 * <p>
 * Invariant: at most one process per archive name dumps at a time (of this supervisor),
 * into a file of its own that is moved into place only once that process has exited, so
 * that no child ever maps an archive still being written.
 */
final class ClassDataSharing {

	private static final String DUMP = "-XX:ArchiveClassesAtExit=";

	private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofMinutes(10);

	private final Path dir;

	private final String classpath;

	private final String fingerprint;

	private final Consumer<String> say;

	/** Archive name -> the temporary file its dumping process writes. */
	private final Map<String, Path> dumping = new ConcurrentHashMap<>();

	private ClassDataSharing(Path dir, String classpath, String fingerprint, Consumer<String> say) {
		this.dir = dir;
		this.classpath = classpath;
		this.fingerprint = fingerprint;
		this.say = say;
	}

	/**
	 * Prepares the jars of the classpath's directories under {@code dir} (reused when
	 * their files have not changed).
	 */
	static ClassDataSharing prepare(Path dir, String classpath, Consumer<String> say) throws IOException {
		Files.createDirectories(dir);
		List<String> entries = new ArrayList<>();
		MessageDigest digest = sha256();
		for (String entry : classpath.split(File.pathSeparator)) {
			if (entry.isEmpty()) {
				continue;
			}
			Path path = Path.of(entry).toAbsolutePath().normalize();
			if (Files.isDirectory(path)) {
				path = jarOf(path, dir);
			}
			if (Files.exists(path)) {
				digest.update((path + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis() + "\n")
					.getBytes(StandardCharsets.UTF_8));
				entries.add(path.toString());
			}
		}
		return new ClassDataSharing(dir, String.join(File.pathSeparator, entries),
				HexFormat.of().formatHex(digest.digest(), 0, 8), say);
	}

	/** The classpath the children run with: jars only. */
	String classpath() {
		return this.classpath;
	}

	/**
	 * The class data sharing options of a child of this kind with these JVM options: map
	 * the archive if there is one, else dump it at exit unless another child of this
	 * supervisor already does.
	 */
	List<String> options(String kind, List<String> jvmOptions) {
		String name = kind + "-" + this.fingerprint + "-" + fingerprint(String.join(" ", jvmOptions)) + ".jsa";
		Path archive = this.dir.resolve(name);
		if (Files.isRegularFile(archive)) {
			return List.of("-XX:SharedArchiveFile=" + archive);
		}
		Path temporary = this.dir.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
		if (recentlyAttempted(archive) || this.dumping.putIfAbsent(name, temporary) != null) {
			return List.of();
		}
		// the dump warns of every class it cannot archive (generated accessors, JFR
		// events): hundreds of lines in the child's log
		return List.of(DUMP + temporary, "-Xlog:cds=off,cds+dynamic=off");
	}

	/**
	 * Whether a lab (any, of this directory) began dumping this archive within
	 * {@link #RETRY_AFTER}, and marks an attempt now if not. A dump takes a few CPU
	 * seconds, minutes on a saturated machine, where the stop's grace may cut it short:
	 * then one lab in ten minutes pays for another attempt, not every lab.
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

	/** Whether a child started with {@code command} dumps an archive when it exits. */
	static boolean dumps(List<String> command) {
		return command != null && command.stream().anyMatch((option) -> option.startsWith(DUMP));
	}

	/**
	 * After a child exited: moves the archive it dumped (if any) into place, so that the
	 * next starts map it, once a JVM has mapped it with {@code -Xshare:on}: Java 17
	 * crashes on a truncated archive (a dump cut short by SIGKILL) rather than ignore it.
	 */
	void exited(List<String> command) {
		for (String option : command) {
			if (option.startsWith(DUMP)) {
				Path temporary = Path.of(option.substring(DUMP.length()));
				String name = temporary.getFileName().toString();
				String archive = name.substring(0, name.indexOf(".jsa") + ".jsa".length());
				// once per dump: a stop and the exit callback both report the same exit
				if (this.dumping.remove(archive, temporary)) {
					publish(temporary, this.dir.resolve(archive), command);
				}
			}
		}
	}

	private void publish(Path temporary, Path archive, List<String> command) {
		try {
			if (Files.isRegularFile(temporary) && Files.size(temporary) > 0 && maps(temporary, command)) {
				Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				Files.deleteIfExists(archive.resolveSibling(archive.getFileName() + ".attempt"));
				this.say.accept("Class data archive written: " + archive.getFileName() + " (later starts map it)");
			}
			else {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			this.say.accept("Could not keep the class data archive " + archive + ": " + ex.getMessage());
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
		command.stream()
			.skip(1)
			.takeWhile((option) -> option.startsWith("-") && !option.startsWith("-D" + LabChild.PARENT_PID))
			.filter((option) -> !option.startsWith(DUMP) && !option.startsWith("-Xlog:cds"))
			.forEach(check::add);
		check.add("-version");
		try {
			ProcessBuilder builder = new ProcessBuilder(check).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			builder.environment().put("CLASSPATH", this.classpath);
			Process process = builder.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
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

	/**
	 * A jar of the directory's files, uncompressed, named by their fingerprint (paths,
	 * sizes, modification times); written once, atomically.
	 */
	private static Path jarOf(Path directory, Path dir) throws IOException {
		List<Path> files;
		try (Stream<Path> tree = Files.walk(directory)) {
			// directories too: classpath scanning (components, migrations) lists them
			files = tree.filter((path) -> !path.equals(directory)).sorted().toList();
		}
		MessageDigest digest = sha256();
		for (Path file : files) {
			digest.update((directory.relativize(file) + "|" + (Files.isDirectory(file) ? -1 : Files.size(file)) + "|"
					+ Files.getLastModifiedTime(file).toMillis() + "\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		String base = directory.getParent().getFileName() + "-" + directory.getFileName();
		Path jar = dir.resolve(base + "-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + ".jar");
		if (Files.isRegularFile(jar)) {
			return jar;
		}
		Path temporary = Files.createTempFile(dir, base, ".jar.tmp");
		try (OutputStream out = Files.newOutputStream(temporary); JarOutputStream stream = new JarOutputStream(out)) {
			for (Path file : files) {
				boolean isDirectory = Files.isDirectory(file);
				byte[] bytes = isDirectory ? new byte[0] : Files.readAllBytes(file);
				CRC32 crc = new CRC32();
				crc.update(bytes);
				String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
				JarEntry entry = new JarEntry(isDirectory ? name + "/" : name);
				entry.setMethod(JarEntry.STORED);
				entry.setSize(bytes.length);
				entry.setCrc(crc.getValue());
				stream.putNextEntry(entry);
				stream.write(bytes);
				stream.closeEntry();
			}
		}
		try {
			// never replaced (no REPLACE_EXISTING; ATOMIC_MOVE would replace on Linux): a
			// new modification time would void the archives made with it
			Files.move(temporary, jar);
		}
		catch (FileAlreadyExistsException ex) {
			// another lab of the same build wrote the same jar meanwhile
			Files.deleteIfExists(temporary);
		}
		return jar;
	}

	private static String fingerprint(String text) {
		return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 4);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
