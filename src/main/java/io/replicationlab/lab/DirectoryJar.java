package io.replicationlab.lab;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A classpath directory ({@code target/classes}) as a jar, for {@link ClassDataSharing}:
 * Java 17 archives and maps classes from jars only. The jar is named by a fingerprint of
 * the directory's files (paths, sizes, modification times), so an unchanged build reuses
 * it and a rebuild gets a jar of its own; it is written once, atomically, and never
 * replaced.
 */
final class DirectoryJar {

	private DirectoryJar() {
	}

	/**
	 * A jar of the directory's files, uncompressed, named by their fingerprint (paths,
	 * sizes, modification times); written once, atomically.
	 */
	static Path of(Path directory, Path dir) throws IOException {
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

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
