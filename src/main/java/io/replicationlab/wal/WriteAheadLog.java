package io.replicationlab.wal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The replica's write-ahead log: the only code that writes {@code wal_entry}.
 * <p>
 * Invariants: rows are only ever appended (the database refuses anything else); lsn
 * increases in recording order; an op id appears at most once among the {@code local} and
 * {@code total-order} rows, at most once per dot among the {@code reconcile} rows (an op
 * is its dot there; see migration V4). An append is durable once the transaction it
 * belongs to has committed, because the database runs with {@code WRITE_DELAY=0} (see
 * {@code ReplicaDataSourceConfiguration}).
 */
@Component
public class WriteAheadLog {

	private static final String COLUMNS = "lsn, op_id, mode, origin, source, op_key, op_value, origin_lsn, "
			+ "accepted_at, recorded_at, kafka_offset, dot_replica, dot_counter, causal_context";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * {@code replication.wal.appends} per mode and source, registered once (a lookup per
	 * append cost more).
	 */
	private final Map<String, Counter> appends = new ConcurrentHashMap<>();

	private final OpTraceSource traces;

	WriteAheadLog(JdbcClient jdbc, Clock clock, MeterRegistry meters, ObjectProvider<OpTraceSource> traces) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.traces = traces.getIfAvailable(() -> (opId) -> Optional.empty());
		this.meters = meters;
	}

	/**
	 * Appends an operation. Must run inside a transaction (normally
	 * {@link GroupCommit}'s), so that the append and its effects on state commit together
	 * or not at all.
	 * @throws IllegalStateException when called outside a transaction
	 * @throws org.springframework.dao.DuplicateKeyException when the op id is already in
	 * the log (with the same dot, or without one)
	 */
	public WalEntry append(NewWalEntry entry) {
		return insert(List.of(entry)).get(0);
	}

	/**
	 * Appends the entries in this order, as {@link #append} one by one would, but with a
	 * few multi-row inserts: a page of ops pulled from a peer cost one statement per op.
	 * Must run inside a transaction.
	 * @return the entries as appended, in the same order
	 */
	public List<WalEntry> appendAll(List<NewWalEntry> entries) {
		List<WalEntry> appended = new ArrayList<>(entries.size());
		int from = 0;
		while (from < entries.size()) {
			int rows = rowsPerInsert(entries.size() - from);
			appended.addAll(insert(entries.subList(from, from + rows)));
			from += rows;
		}
		return appended;
	}

	/**
	 * The rows of the next multi-row insert: a power of two up to 64, so that H2 parses a
	 * handful of statement texts once each and keeps them in its query cache.
	 */
	static int rowsPerInsert(int left) {
		return Math.min(64, Integer.highestOneBit(left));
	}

	private List<WalEntry> insert(List<NewWalEntry> entries) {
		Instant recordedAt = this.clock.instant();
		List<Object> params = new ArrayList<>(entries.size() * 15);
		StringBuilder sql = new StringBuilder("""
				insert into wal_entry (op_id, mode, origin, source, op_key, op_value, origin_lsn, accepted_at,
				                       recorded_at, kafka_offset, dot_replica, dot_counter, causal_context,
				                       trace_id, trace_sampled)
				values """);
		for (NewWalEntry entry : entries) {
			requireTransaction(entry);
			OpTrace trace = this.traces.trace(entry.opId()).orElse(null);
			sql.append((params.isEmpty()) ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			params.addAll(Arrays.asList(entry.opId(), entry.mode().pathSegment(), entry.origin(), entry.source().name(),
					entry.key(), entry.value(), (entry.source() == Source.CLIENT) ? null : entry.originLsn(),
					utc(entry.acceptedAt()), utc(recordedAt), entry.kafkaOffset(),
					(entry.dot() != null) ? entry.dot().replica() : null,
					(entry.dot() != null) ? entry.dot().counter() : null,
					(entry.context() != null) ? entry.context().toString() : null,
					(trace != null) ? trace.traceId() : null, (trace != null) ? trace.sampled() : null));
		}
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(sql.toString()).params(params).update(keys, "lsn");
		// identities grow in the order of the rows
		long[] lsns = keys.getKeyList()
			.stream()
			.mapToLong((row) -> ((Number) row.values().iterator().next()).longValue())
			.sorted()
			.toArray();
		if (lsns.length != entries.size()) {
			throw new IllegalStateException(entries.size() + " rows inserted -> " + lsns.length + " lsns returned");
		}
		List<WalEntry> appended = new ArrayList<>(entries.size());
		for (int i = 0; i < lsns.length; i++) {
			NewWalEntry entry = entries.get(i);
			long lsn = lsns[i];
			counted(entry);
			appended.add(new WalEntry(lsn, entry.opId(), entry.mode(), entry.origin(), entry.source(), entry.key(),
					entry.value(), (entry.source() == Source.CLIENT) ? lsn : entry.originLsn(), entry.acceptedAt(),
					recordedAt, entry.kafkaOffset(), entry.dot(), entry.context()));
		}
		return appended;
	}

	private void counted(NewWalEntry entry) {
		this.appends
			.computeIfAbsent(entry.mode().pathSegment() + "/" + entry.source().name(),
					(name) -> Counter.builder("replication.wal.appends")
						.description("Operations appended to this replica's write-ahead log")
						.tag("mode", entry.mode().pathSegment())
						.tag("source", entry.source().name())
						.register(this.meters))
			.increment();
	}

	/**
	 * Appends the op unless its op id is in the log already: the one check behind
	 * idempotent writes. The op id's first row ({@link #find}) is the {@code SAME} write
	 * when it has the op's mode, key and value (a retry: nothing is written), a
	 * {@code CONFLICT} otherwise (nothing is written). In {@code reconcile} that row may
	 * carry any dot: a client's retry is one write, whichever replica named it. Must run
	 * inside a transaction, as {@link #append}.
	 */
	public AppendOnce appendOnce(NewWalEntry op) {
		return appendOnce(op, UnaryOperator.identity());
	}

	/**
	 * As {@link #appendOnce(NewWalEntry)}, but a new op is first completed by
	 * {@code complete}, which runs only when the op id is not in the log (it may refuse
	 * the write by throwing, or name the op, as {@code reconcile} does with its next
	 * dot).
	 * @throws IllegalStateException when {@code complete} changed the op id, mode, key or
	 * value
	 */
	public AppendOnce appendOnce(NewWalEntry op, UnaryOperator<NewWalEntry> complete) {
		requireTransaction(op);
		Optional<WalEntry> earlier = find(op.opId());
		if (earlier.isPresent()) {
			WalEntry held = earlier.get();
			return new AppendOnce(sameWrite(op, held.mode(), held.key(), held.value()) ? AppendOnce.Kind.SAME
					: AppendOnce.Kind.CONFLICT, held);
		}
		NewWalEntry completed = complete.apply(op);
		if (!completed.opId().equals(op.opId())
				|| !sameWrite(op, completed.mode(), completed.key(), completed.value())) {
			throw new IllegalStateException(
					"completing op " + op.opId() + " must not change its op id, mode, key or value: " + completed);
		}
		return new AppendOnce(AppendOnce.Kind.APPENDED, append(completed));
	}

	/**
	 * {@link #appendOnce(NewWalEntry)} for each op in this order, with one lookup of
	 * their op ids and a few multi-row inserts (a poll of consumed records cost two
	 * statements per record). An op id that comes twice is decided against the first op's
	 * row, as one by one: a second occurrence is never appended. Must run inside a
	 * transaction.
	 * @return what was done with each op, in the same order
	 */
	public List<AppendOnce> appendAllOnce(List<NewWalEntry> ops) {
		ops.forEach(WriteAheadLog::requireTransaction);
		Map<UUID, WalEntry> held = new HashMap<>();
		// the op id's first row: findAll reads in lsn order
		findAll(ops.stream().map(NewWalEntry::opId).distinct().toList())
			.forEach((entry) -> held.putIfAbsent(entry.opId(), entry));
		List<NewWalEntry> fresh = new ArrayList<>();
		Set<UUID> appending = new HashSet<>();
		for (NewWalEntry op : ops) {
			if (!held.containsKey(op.opId()) && appending.add(op.opId())) {
				fresh.add(op);
			}
		}
		Iterator<WalEntry> appended = appendAll(fresh).iterator();
		List<AppendOnce> done = new ArrayList<>(ops.size());
		for (NewWalEntry op : ops) {
			WalEntry earlier = held.get(op.opId());
			if (earlier == null) {
				WalEntry entry = appended.next();
				held.put(op.opId(), entry);
				done.add(new AppendOnce(AppendOnce.Kind.APPENDED, entry));
			}
			else {
				done.add(new AppendOnce(sameWrite(op, earlier.mode(), earlier.key(), earlier.value())
						? AppendOnce.Kind.SAME : AppendOnce.Kind.CONFLICT, earlier));
			}
		}
		return done;
	}

	private static boolean sameWrite(NewWalEntry op, Mode mode, String key, String value) {
		return op.mode() == mode && op.key().equals(key) && Objects.equals(op.value(), value);
	}

	private static void requireTransaction(NewWalEntry entry) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("WAL append of " + entry.opId() + " outside a transaction");
		}
	}

	/**
	 * The first row (lowest lsn) of this op id. In {@code reconcile} one op id may name
	 * several rows, one per dot: a client that retried it on other replicas made one
	 * write under several dots; a retry here gets the first.
	 */
	public Optional<WalEntry> find(UUID opId) {
		return this.jdbc.sql("select " + COLUMNS + " from wal_entry where op_id = ? order by lsn limit 1")
			.param(opId)
			.query(WriteAheadLog::row)
			.optional();
	}

	/**
	 * The trace stored with the op id's first row ({@link #find}), when one was recorded.
	 */
	public Optional<OpTrace> trace(UUID opId) {
		return this.jdbc
			.sql("select trace_id, trace_sampled from wal_entry where op_id = ? and trace_id is not null "
					+ "order by lsn limit 1")
			.param(opId)
			.query((rs, rowNum) -> new OpTrace(rs.getString("trace_id"), rs.getBoolean("trace_sampled")))
			.optional();
	}

	/**
	 * The rows of these op ids (those in the log), in lsn order: one query for a batch
	 * instead of one per op.
	 */
	public List<WalEntry> findAll(Collection<UUID> opIds) {
		if (opIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from wal_entry where op_id in (:opIds) order by lsn")
			.param("opIds", List.copyOf(opIds))
			.query(WriteAheadLog::row)
			.list();
	}

	/** Rows after the given lsn in local order, optionally of one mode only. */
	public List<WalEntry> page(Mode mode, long afterLsn, int limit) {
		if (mode == null) {
			return this.jdbc.sql("select " + COLUMNS + " from wal_entry where lsn > ? order by lsn limit ?")
				.params(afterLsn, limit)
				.query(WriteAheadLog::row)
				.list();
		}
		return this.jdbc.sql("select " + COLUMNS + " from wal_entry where mode = ? and lsn > ? order by lsn limit ?")
			.params(mode.pathSegment(), afterLsn, limit)
			.query(WriteAheadLog::row)
			.list();
	}

	public long size() {
		return this.jdbc.sql("select count(*) from wal_entry").query(Long.class).single();
	}

	public long size(Mode mode) {
		return this.jdbc.sql("select count(*) from wal_entry where mode = ?")
			.param(mode.pathSegment())
			.query(Long.class)
			.single();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static WalEntry row(ResultSet rs, int rowNum) throws SQLException {
		long lsn = rs.getLong("lsn");
		Long originLsn = rs.getObject("origin_lsn", Long.class);
		String dotReplica = rs.getString("dot_replica");
		String context = rs.getString("causal_context");
		return new WalEntry(lsn, rs.getObject("op_id", UUID.class),
				Mode.fromPathSegment(rs.getString("mode")).orElseThrow(), rs.getString("origin"),
				Source.valueOf(rs.getString("source")), rs.getString("op_key"), rs.getString("op_value"),
				(originLsn != null) ? originLsn : lsn, instant(rs, "accepted_at"), instant(rs, "recorded_at"),
				rs.getObject("kafka_offset", Long.class),
				(dotReplica != null) ? new Dot(dotReplica, rs.getLong("dot_counter")) : null,
				(context != null) ? VersionVector.parse(context) : null);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
