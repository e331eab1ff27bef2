package io.replicationlab.wal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * The two users of a replica's database and their passwords. {@code SA} owns the schema
 * and runs the migrations; {@code REPLICA_APP}, the user the replica works as, may only
 * read and append {@code wal_entry} (see {@link AppUserRights}). A password not
 * configured ({@link DatabaseProperties}) is generated the first time and kept in
 * {@value #FILE_NAME} in the data directory, readable by the process's own
 * operating-system user only: whoever can read that directory can read the H2 file itself
 * anyway, so the file gives away nothing new.
 *
 * @param ownerPassword the owner's password from now on
 * @param formerOwnerPasswords what the owner's password may still be: a data directory
 * created before the replica had its own user has {@code SA} with an empty password,
 * which {@link DatabaseOwner} then replaces
 * @param appPassword the replica's own user's password
 */
record DatabaseCredentials(String ownerPassword, List<String> formerOwnerPasswords, String appPassword) {

	static final String OWNER = "SA";

	static final String APP_USER = "REPLICA_APP";

	static final String FILE_NAME = "database-users.properties";

	private static final SecureRandom RANDOM = new SecureRandom();

	static DatabaseCredentials forDataDir(Path dataDir, DatabaseProperties configured) {
		Path file = dataDir.resolve(FILE_NAME);
		Properties stored = read(file);
		boolean changed = false;
		for (String key : List.of("owner.password", "app.password")) {
			if (stored.getProperty(key) == null) {
				stored.setProperty(key, generated());
				changed = true;
			}
		}
		if (changed) {
			stored.setProperty("owner.user", OWNER);
			stored.setProperty("app.user", APP_USER);
			write(file, stored);
		}
		String owner = hasText(configured.ownerPassword()) ? configured.ownerPassword()
				: stored.getProperty("owner.password");
		List<String> former = new ArrayList<>();
		if (!owner.equals(stored.getProperty("owner.password"))) {
			former.add(stored.getProperty("owner.password"));
		}
		former.add("");
		String app = hasText(configured.appPassword()) ? configured.appPassword() : stored.getProperty("app.password");
		return new DatabaseCredentials(owner, List.copyOf(former), app);
	}

	@Override
	public String toString() {
		return "DatabaseCredentials[" + OWNER + ", " + APP_USER + ", passwords not shown]";
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static String generated() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Properties read(Path file) {
		Properties properties = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the database passwords in " + file, ex);
			}
		}
		return properties;
	}

	/**
	 * Written beside and then moved over, so that a crash never leaves half a file (and
	 * passwords nobody knows).
	 */
	private static void write(Path file, Properties properties) {
		try {
			Files.createDirectories(file.getParent());
			Path next = file.resolveSibling(FILE_NAME + ".new");
			Files.deleteIfExists(next);
			Files.createFile(next);
			try {
				Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's own permissions are all there
				// is
			}
			try (Writer writer = Files.newBufferedWriter(next)) {
				properties.store(writer, "Passwords of this replica's H2 database users (see docs/api.md, Durability)");
			}
			Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the database passwords to " + file, ex);
		}
	}

}
