package io.replicationlab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;

/**
 * The reference limits of power-loss durability on the run's disk: how many times per
 * second a small write can be forced to stable storage, bare ({@code FileChannel.force},
 * one {@code fsync} each) and through H2 as a replica does it with
 * {@code replica.fsync=true} (a single-row commit, then {@code CHECKPOINT SYNC}).
 */
final class RawFsyncBenchmark {

	private static final int BLOCK = 512;

	private RawFsyncBenchmark() {
	}

	/**
	 * Appends a {@value #BLOCK}-byte block and forces the file (data and metadata, as H2
	 * does), {@code times} times or for {@code budget}, whichever ends first, in
	 * {@code dir}; returns the forces per second.
	 */
	static double forcesPerSecond(Path dir, int times, Duration budget) throws IOException {
		Files.createDirectories(dir);
		Path file = dir.resolve("fsync.bin");
		ByteBuffer block = ByteBuffer.allocate(BLOCK);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
			for (int i = 0; i < 20; i++) {
				appendAndForce(channel, block);
			}
			long start = System.nanoTime();
			int done = 0;
			while (done < times && System.nanoTime() - start < budget.toNanos()) {
				appendAndForce(channel, block);
				done++;
			}
			return done / ((System.nanoTime() - start) / 1e9);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static void appendAndForce(FileChannel channel, ByteBuffer block) throws IOException {
		block.clear();
		while (block.hasRemaining()) {
			channel.write(block);
		}
		channel.force(true);
	}

	/**
	 * Single-row commits into a table of {@code wal_entry}'s shape
	 * ({@link RawH2Benchmark}), each followed by {@code CHECKPOINT SYNC}, one connection,
	 * {@code rows} times or for {@code budget}, whichever ends first; returns commits per
	 * second.
	 */
	static double h2SyncedCommitsPerSecond(Path dir, int rows, Duration budget, int valueBytes) throws Exception {
		Files.createDirectories(dir);
		String url = "jdbc:h2:file:" + dir.resolve("raw-sync").toAbsolutePath() + ";WRITE_DELAY=0";
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement sync = connection.createStatement()) {
			RawH2Benchmark.createTable(connection);
			connection.setAutoCommit(false);
			String value = "x".repeat(valueBytes);
			try (PreparedStatement insert = connection.prepareStatement(RawH2Benchmark.INSERT)) {
				for (int i = 0; i < 20; i++) {
					commitAndSync(connection, insert, sync, i, value);
				}
				long start = System.nanoTime();
				int done = 0;
				while (done < rows && System.nanoTime() - start < budget.toNanos()) {
					commitAndSync(connection, insert, sync, done, value);
					done++;
				}
				return done / ((System.nanoTime() - start) / 1e9);
			}
		}
	}

	private static void commitAndSync(Connection connection, PreparedStatement insert, Statement sync, int i,
			String value) throws Exception {
		RawH2Benchmark.commitOne(connection, insert, i, value);
		sync.execute("CHECKPOINT SYNC");
	}

}
