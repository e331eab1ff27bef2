package io.replicationlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;

/**
 * The floor of a total-order apply: the database work one replica does for one consumed
 * write, and nothing else. A bare JDBC loop on the replica's own schema (its Flyway
 * migrations, its H2 settings) runs the statements a poll of {@code batch} records runs
 * (the dedup lookup in {@code total_order_applied}, the WAL lookup, then multi-row
 * inserts into {@code wal_entry}, {@code kv_state}, {@code applied_op} and
 * {@code total_order_applied}, the position) and commits once per poll, on one thread
 * compiled by C2, with no HTTP, Kafka, Spring or pool around it, into tables that already
 * hold {@code prefill} ops. Its CPU per op is what no change outside the schema can go
 * below: a write applied on all three replicas costs at least three of it.
 * <p>
 * With random (version-4) op ids an op costs more as the tables grow: three of the
 * B-trees an apply writes are keyed by op id, and each random id dirties a leaf of its
 * own that the commit rewrites. With time-ordered ids (version 7, as a replica makes them
 * for a write that came without one, see {@code mode.OpIds}) the ops of a poll share the
 * rightmost leaves.
 */
final class RawApplyBenchmark {

	private RawApplyBenchmark() {
	}

	/**
	 * CPU microseconds per applied op of the calling thread, over {@code ops} ops in
	 * polls of {@code batch}, after {@code prefill} ops in polls of 50.
	 */
	static double cpuMicrosPerOp(Path dir, int prefill, int ops, int batch, int valueLength, boolean timeOrderedIds)
			throws Exception {
		Files.createDirectories(dir);
		String database = "jdbc:h2:file:" + dir.resolve("apply").toAbsolutePath();
		Flyway.configure().dataSource(database, "sa", "").locations("classpath:db/migration").load().migrate();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		try (Connection connection = DriverManager
			.getConnection(database + ";WRITE_DELAY=0;CACHE_SIZE=8192;QUERY_CACHE_SIZE=128", "sa", "")) {
			connection.setAutoCommit(false);
			Supplier<UUID> ids = timeOrderedIds ? timeOrdered() : UUID::randomUUID;
			Polls filling = new Polls(connection, 50, "v".repeat(valueLength), 0, ids);
			for (int i = 0; i < prefill / 50; i++) {
				filling.applyOne();
			}
			Polls polls = new Polls(connection, batch, "v".repeat(valueLength), filling.offset, ids);
			long start = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < ops / batch; i++) {
				polls.applyOne();
			}
			return (threads.getCurrentThreadCpuTime() - start) / 1e3 / ((ops / batch) * batch);
		}
	}

	/**
	 * Version-7-shaped ids, each greater than the last: the millisecond the benchmark
	 * started, advanced by one every 4096 ids, and a 12-bit counter.
	 */
	private static Supplier<UUID> timeOrdered() {
		long start = System.currentTimeMillis();
		long[] made = { 0 };
		return () -> {
			long n = made[0]++;
			long mostSignificant = ((start + n / 4096) << 16) | 0x7000 | (n % 4096);
			return new UUID(mostSignificant, 0x8000_0000_0000_0000L | ThreadLocalRandom.current().nextLong() >>> 2);
		};
	}

	/**
	 * Consecutive polls of fresh ops, as a replica that did not originate them applies
	 * them.
	 */
	private static final class Polls {

		private final Connection connection;

		private final int batch;

		private final String value;

		private long offset;

		private long position;

		private final Supplier<UUID> ids;

		Polls(Connection connection, int batch, String value, long from, Supplier<UUID> ids) {
			this.ids = ids;
			this.connection = connection;
			this.batch = batch;
			this.value = value;
			this.offset = from;
			this.position = from;
		}

		void applyOne() throws SQLException {
			List<UUID> opIds = new ArrayList<>(this.batch);
			for (int i = 0; i < this.batch; i++) {
				opIds.add(this.ids.get());
			}
			String in = String.join(", ", Collections.nCopies(this.batch, "?"));
			query("select op_id, kafka_offset, fingerprint from total_order_applied where op_id in (" + in + ")",
					opIds);
			query("select * from wal_entry where op_id in (" + in + ") order by lsn", opIds);
			OffsetDateTime now = OffsetDateTime.now();
			List<Object> wal = new ArrayList<>();
			List<Object> state = new ArrayList<>();
			List<Object> log = new ArrayList<>();
			List<Object> applied = new ArrayList<>();
			for (UUID opId : opIds) {
				long at = this.offset++;
				String key = "to-" + (at % 1000);
				Collections.addAll(wal, opId, "total-order", "r2", "KAFKA", key, this.value, at, now, now, at, null,
						null, null, null, null);
				Collections.addAll(state, "total-order", key, this.value, opId);
				Collections.addAll(log, "total-order", ++this.position, opId, "r2", key, "APPLIED", "offset " + at, now,
						null);
				Collections.addAll(applied, opId, at, "0123456789abcdef0123456789abcdef");
			}
			update("insert into wal_entry (op_id, mode, origin, source, op_key, op_value, origin_lsn, accepted_at, "
					+ "recorded_at, kafka_offset, dot_replica, dot_counter, causal_context, trace_id, trace_sampled) "
					+ "values " + rows(15), wal);
			update("merge into kv_state (mode, op_key, op_value, op_id) key (mode, op_key) values " + rows(4), state);
			query("select max(position) from applied_op where mode = ? and position >= ?",
					List.of("total-order", this.position - this.batch));
			update("insert into applied_op (mode, position, op_id, origin, op_key, outcome, detail, applied_at, dot) "
					+ "values " + rows(9), log);
			update("insert into total_order_applied (op_id, kafka_offset, fingerprint) values " + rows(3), applied);
			update("merge into total_order_position (topic, next_offset, cluster_id, topic_id) key (topic) "
					+ "values (?, ?, ?, ?)", List.of("replication-log", this.offset, "c", "t"));
			this.connection.commit();
		}

		private String rows(int columns) {
			String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
			return String.join(", ", Collections.nCopies(this.batch, row));
		}

		private void query(String sql, List<?> params) throws SQLException {
			try (PreparedStatement statement = prepare(sql, params); var rows = statement.executeQuery()) {
				while (rows.next()) {
					rows.getObject(1);
				}
			}
		}

		private void update(String sql, List<?> params) throws SQLException {
			try (PreparedStatement statement = prepare(sql, params)) {
				statement.executeUpdate();
			}
		}

		private PreparedStatement prepare(String sql, List<?> params) throws SQLException {
			PreparedStatement statement = this.connection.prepareStatement(sql);
			for (int i = 0; i < params.size(); i++) {
				statement.setObject(i + 1, params.get(i));
			}
			return statement;
		}

	}

}
