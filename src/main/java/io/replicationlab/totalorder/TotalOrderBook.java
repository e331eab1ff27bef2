package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.state.MultiRowStatements;
import io.replicationlab.wal.GroupCommit;
import io.replicationlab.wal.Source;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mode's bookkeeping in the replica's database: the outbox, the consumed position and
 * the offsets at which this replica's own ops were ordered. Writes run inside
 * {@code GroupCommit} units (the caller's), so that they commit together with the WAL
 * append or the applies they belong to; reads may run anywhere.
 * <p>
 * The position is stored with the identity of the log it was read from
 * ({@link LogIdentity}): an offset means nothing in another log. And each op id applied
 * from the topic is stored with a fingerprint of its write, so that a later record with
 * the same op id can be told apart: the same write again (a duplicate) or another write
 * (a conflict).
 */
@Component
class TotalOrderBook {

	private static final int MAX_ACKNOWLEDGED = 10_000;

	private static final String MODE = Mode.TOTAL_ORDER.pathSegment();

	private final JdbcClient jdbc;

	private final GroupCommit groupCommit;

	/**
	 * Offsets the broker acknowledged for this replica's ops that are not recorded yet:
	 * the relay commits nothing (the origin's own consumer records the offset in the unit
	 * that applies the op), so this is what the relay knows meanwhile. It is never shown
	 * as it is: an op reads {@code ordered} only from the database
	 * ({@link #orderedOffset} records an acknowledgement before it answers with it), so
	 * that no restart can take an answered {@code ordered} back. Lost on a restart;
	 * bounded (an entry that made way is recorded by the apply, or published again and
	 * skipped as a duplicate).
	 */
	private final Map<UUID, Long> acknowledged = Collections.synchronizedMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
			return size() > MAX_ACKNOWLEDGED;
		}

	});

	private final WriteAheadLog wal;

	private final Clock clock;

	private final String topic;

	TotalOrderBook(JdbcClient jdbc, GroupCommit groupCommit, WriteAheadLog wal, Clock clock,
			TotalOrderProperties properties) {
		this.jdbc = jdbc;
		this.groupCommit = groupCommit;
		this.wal = wal;
		this.clock = clock;
		this.topic = properties.topic();
	}

	/**
	 * The oldest ops accepted here that are not recorded as ordered, in WAL order: the
	 * WAL is the outbox (migration V10). Scans from the given lsn, or from the stored
	 * cursor below which every such op is recorded when given 0.
	 */
	List<WalEntry> outboxAfter(long afterLsn, int limit) {
		long from = (afterLsn > 0) ? afterLsn : orderedThrough();
		List<UUID> opIds = this.jdbc.sql("""
				select w.op_id from wal_entry w where w.mode = ? and w.source = 'CLIENT' and w.lsn > ?
				and not exists (select 1 from total_order_ordered o where o.op_id = w.op_id) order by w.lsn limit ?""")
			.params(MODE, from, limit)
			.query(UUID.class)
			.list();
		// one op id may also name rows of other modes (a reconcile write pulled from a
		// peer)
		List<WalEntry> entries = this.wal.findAll(opIds)
			.stream()
			.filter((entry) -> entry.mode() == Mode.TOTAL_ORDER && entry.source() == Source.CLIENT)
			.toList();
		if (entries.size() != opIds.size()) {
			throw new IllegalStateException("outbox of " + opIds.size() + " ops read " + entries.size() + " WAL rows");
		}
		return entries;
	}

	/** How many ops accepted here are not recorded as ordered yet. */
	long outboxSize() {
		return this.jdbc.sql("""
				select count(*) from wal_entry w where w.mode = ? and w.source = 'CLIENT' and w.lsn > ?
				and not exists (select 1 from total_order_ordered o where o.op_id = w.op_id)""")
			.params(MODE, orderedThrough())
			.query(Long.class)
			.single();
	}

	/**
	 * The cursor of the outbox: every total-order row accepted here at or below this lsn
	 * is recorded as ordered.
	 */
	private long orderedThrough() {
		return this.jdbc.sql("select ordered_through from total_order_relay where id = 1")
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * Moves the outbox's cursor up to just below the oldest op accepted here that is not
	 * recorded as ordered; call in the unit that recorded ops as ordered (the range it
	 * reads is the ops published since the cursor last moved).
	 */
	void advanceOrderedThrough() {
		long through = orderedThrough();
		long next = this.jdbc.sql("""
				select min(case when not exists (select 1 from total_order_ordered o where o.op_id = w.op_id)
				then w.lsn end), max(w.lsn) from wal_entry w where w.mode = ? and w.source = 'CLIENT' and w.lsn > ?""")
			.params(MODE, through)
			.query((rs, row) -> {
				long unordered = rs.getLong(1);
				if (!rs.wasNull()) {
					return unordered - 1;
				}
				long last = rs.getLong(2);
				return rs.wasNull() ? through : last;
			})
			.single();
		if (next > through) {
			this.jdbc.sql("update total_order_relay set ordered_through = ? where id = 1").param(next).update();
		}
	}

	/**
	 * Records that the op was ordered at the offset (which takes it out of the outbox);
	 * runs in the unit that applies the op on its origin (or records an acknowledgement
	 * before it is shown). Idempotent; when the op was published twice, the lowest offset
	 * (its first occurrence, where it was applied) is kept.
	 */
	void ordered(UUID opId, long offset) {
		OptionalLong known = recordedOffset(opId);
		if (known.isEmpty()) {
			this.jdbc.sql("insert into total_order_ordered (op_id, kafka_offset, ordered_at) values (?, ?, ?)")
				.params(opId, offset, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
				.update();
		}
		else if (offset < known.getAsLong()) {
			this.jdbc.sql("update total_order_ordered set kafka_offset = ? where op_id = ?")
				.params(offset, opId)
				.update();
		}
		this.acknowledged.remove(opId);
	}

	/**
	 * The broker acknowledged this replica's op at the offset: kept in memory until the
	 * apply records it (see {@link #acknowledged}).
	 */
	void acknowledged(UUID opId, long offset) {
		this.acknowledged.putIfAbsent(opId, offset);
	}

	/** Whether the broker acknowledged the op to this process (it is in the log). */
	boolean acknowledged(UUID opId) {
		return this.acknowledged.containsKey(opId);
	}

	/**
	 * Where the op was ordered, as recorded in the database; an acknowledgement known
	 * only in memory is recorded first (one group-commit unit), so that the answer
	 * survives a restart. Empty when the op is not known ordered, or recording failed.
	 */
	OptionalLong orderedOffset(UUID opId) {
		OptionalLong recorded = recordedOffset(opId);
		Long offset = this.acknowledged.get(opId);
		if (recorded.isPresent() || offset == null) {
			return recorded;
		}
		try {
			this.groupCommit.execute(() -> {
				ordered(opId, offset);
				return null;
			});
		}
		catch (RuntimeException ex) {
			return OptionalLong.empty();
		}
		return recordedOffset(opId);
	}

	/** Where the op was ordered, as recorded in the database (nothing from memory). */
	OptionalLong recordedOffset(UUID opId) {
		return this.jdbc.sql("select kafka_offset from total_order_ordered where op_id = ?")
			.param(opId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/**
	 * The next offset to consume from the configured topic: 0 when this replica has never
	 * consumed it.
	 */
	long nextOffset() {
		return this.jdbc.sql("select next_offset from total_order_position where topic = ?")
			.param(this.topic)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * Whether this replica has consumed from the configured topic (then it must never
	 * create it again).
	 */
	boolean hasPosition() {
		return this.jdbc.sql("select count(*) from total_order_position where topic = ?")
			.param(this.topic)
			.query(Long.class)
			.single() > 0;
	}

	/** The identity of the log the stored position belongs to, once known. */
	Optional<LogIdentity> identity() {
		return this.jdbc.sql("select cluster_id, topic_id from total_order_position where topic = ?")
			.param(this.topic)
			.query((rs, row) -> (rs.getString("topic_id") != null)
					? new LogIdentity(rs.getString("cluster_id"), rs.getString("topic_id")) : null)
			.optional();
	}

	/** Stores the position together with the identity of the log it was read from. */
	void storeNextOffset(long nextOffset, LogIdentity identity) {
		this.jdbc.sql("""
				merge into total_order_position (topic, next_offset, cluster_id, topic_id) key (topic)
				values (?, ?, ?, ?)""")
			.params(this.topic, nextOffset, identity.clusterId(), identity.topicId())
			.update();
	}

	/** The offset and fingerprint an op id was applied with from the topic, if it was. */
	Optional<AppliedContent> appliedContent(UUID opId) {
		return this.jdbc.sql("select kafka_offset, fingerprint from total_order_applied where op_id = ?")
			.param(opId)
			.query((rs, row) -> new AppliedContent(rs.getLong("kafka_offset"), rs.getString("fingerprint")))
			.optional();
	}

	/**
	 * {@link #appliedContent} of many op ids in one query: the op ids applied, each with
	 * its offset and fingerprint (a mutable map).
	 */
	Map<UUID, AppliedContent> appliedContents(List<UUID> opIds) {
		Map<UUID, AppliedContent> found = new HashMap<>();
		if (opIds.isEmpty()) {
			return found;
		}
		this.jdbc.sql("select op_id, kafka_offset, fingerprint from total_order_applied where op_id in (:opIds)")
			.param("opIds", List.copyOf(new java.util.LinkedHashSet<>(opIds)))
			.query((rs) -> {
				found.put(rs.getObject("op_id", UUID.class),
						new AppliedContent(rs.getLong("kafka_offset"), rs.getString("fingerprint")));
			});
		return found;
	}

	/**
	 * Whether an op id was applied from the topic before V5, without a fingerprint (then
	 * only the applied log knows it). Every apply since records its fingerprint, so once
	 * false this stays false.
	 */
	boolean hasAppliesWithoutFingerprint() {
		return this.jdbc.sql("""
				select count(*) from applied_op a where a.mode = ? and a.outcome <> 'DUPLICATE' and a.origin <> ?
				and not exists (select 1 from total_order_applied t where t.op_id = a.op_id)""")
			.params(MODE, OrderedApplier.UNKNOWN)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Records each op's first occurrence in the topic as where it was ordered: its apply
	 * (in offset order) found no earlier one, so no lower offset can be known. A few
	 * multi-row statements, no read; replaces an acknowledgement recorded from a later
	 * publish.
	 * @param offsets op id to its first offset
	 */
	void orderedFirst(Map<UUID, Long> offsets) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(offsets.size());
		offsets.forEach((opId, offset) -> rows.add(new Object[] { opId, offset, now }));
		MultiRowStatements.run(this.jdbc,
				"merge into total_order_ordered (op_id, kafka_offset, ordered_at) key (op_id) values ", "(?, ?, ?)",
				rows);
		offsets.keySet().forEach(this.acknowledged::remove);
	}

	/**
	 * Records the offset and fingerprint of each op id applied from the topic for the
	 * first time, with a few multi-row inserts.
	 */
	void recordApplied(Map<UUID, AppliedContent> applied) {
		List<Object[]> rows = new ArrayList<>(applied.size());
		applied.forEach((opId, content) -> rows.add(new Object[] { opId, content.offset(), content.fingerprint() }));
		MultiRowStatements.run(this.jdbc, "insert into total_order_applied (op_id, kafka_offset, fingerprint) values ",
				"(?, ?, ?)", rows);
	}

	/**
	 * What a write is, whoever accepted it: its key and its value or tombstone (SHA-256,
	 * hex).
	 */
	static String fingerprint(String key, String value) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(key.getBytes(StandardCharsets.UTF_8));
			sha.update((byte) 0);
			if (value != null) {
				sha.update((byte) 'v');
				sha.update(value.getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 missing", ex);
		}
	}

	/** Where an op id was applied from the topic, and what write it stood for there. */
	record AppliedContent(long offset, String fingerprint) {
	}

}
