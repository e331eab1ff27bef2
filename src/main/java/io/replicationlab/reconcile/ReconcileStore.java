package io.replicationlab.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.replicationlab.state.MultiRowStatements;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.DotRange;
import io.replicationlab.vclock.VersionVector;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reconcile mode's tables: each key's siblings and context, and this replica's
 * version vector. Deltas are read from the WAL ({@code wal_entry}, which only
 * {@code WriteAheadLog} writes) by dot. Writes here run only inside the replica's group
 * commit, on its single writer thread.
 */
@Component
class ReconcileStore {

	private static final String MODE = "reconcile";

	/**
	 * What an op weighs in a page besides its value, key and context: its id, dot, time
	 * and the JSON around them.
	 */
	static final long OP_OVERHEAD_BYTES = 200;

	private final JdbcClient jdbc;

	/**
	 * {@link #heldByOpId}'s query. It names no mode, on purpose: with {@code mode = ?}
	 * beside the op ids, H2 picks {@code wal_entry_mode_lsn} and reads every reconcile op
	 * of the WAL per page whenever its statistics are stale (before it first analyzes a
	 * table it guesses that an op id matches half the rows), which made a heal of N ops
	 * cost O(N^2) in some runs and not others. By op id alone only the op-id index serves
	 * it; rows of other modes are skipped as they are read.
	 */
	static final String HELD_BY_OP_ID = "select * from wal_entry where op_id in (:opIds)";

	ReconcileStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	VersionVector vector() {
		Map<String, Long> counters = new HashMap<>();
		this.jdbc.sql("select replica, counter from reconcile_vector").query((rs) -> {
			counters.put(rs.getString(1), rs.getLong(2));
		});
		return VersionVector.of(counters);
	}

	/** Records that this replica now holds every op of the dot's origin up to the dot. */
	void advance(Dot dot) {
		this.jdbc.sql("merge into reconcile_vector (replica, counter) key (replica) values (?, ?)")
			.params(dot.replica(), dot.counter())
			.update();
	}

	KeyState load(String key) {
		Optional<KeyState> header = this.jdbc
			.sql("select causal_context, max_accepted_at from reconcile_key where op_key = ?")
			.param(key)
			.query((rs, rowNum) -> new KeyState(VersionVector.parse(rs.getString(1)), List.of(),
					instant(rs, "max_accepted_at")))
			.optional();
		if (header.isEmpty()) {
			return KeyState.EMPTY;
		}
		List<Sibling> siblings = this.jdbc.sql("select * from reconcile_sibling where op_key = ?")
			.param(key)
			.query(ReconcileStore::sibling)
			.list();
		return new KeyState(header.get().context(), siblings, header.get().maxAcceptedAt());
	}

	void save(String key, KeyState state) {
		this.jdbc.sql("delete from reconcile_sibling where op_key = ?").param(key).update();
		for (Sibling sibling : state.siblings()) {
			this.jdbc
				.sql("""
						insert into reconcile_sibling (op_key, dot_replica, dot_counter, op_id, op_value, accepted_at, origin)
						values (?, ?, ?, ?, ?, ?, ?)""")
				.params(key, sibling.dot().replica(), sibling.dot().counter(), sibling.opId(), sibling.value(),
						utc(sibling.acceptedAt()), sibling.origin())
				.update();
		}
		this.jdbc
			.sql("merge into reconcile_key (op_key, causal_context, max_accepted_at) key (op_key) values (?, ?, ?)")
			.params(key, state.context().toString(), utc(state.maxAcceptedAt()))
			.update();
	}

	/**
	 * The states of the given keys ({@link KeyState#EMPTY} for a key never written), with
	 * two queries for all of them: a pulled page touches many keys.
	 */
	Map<String, KeyState> loadAll(Collection<String> keys) {
		Map<String, KeyState> states = new HashMap<>();
		if (keys.isEmpty()) {
			return states;
		}
		Map<String, List<Sibling>> siblings = new HashMap<>();
		this.jdbc.sql("select * from reconcile_sibling where op_key in (:keys)").param("keys", keys).query((rs) -> {
			siblings.computeIfAbsent(rs.getString("op_key"), (key) -> new ArrayList<>()).add(sibling(rs, 0));
		});
		this.jdbc.sql("select op_key, causal_context, max_accepted_at from reconcile_key where op_key in (:keys)")
			.param("keys", keys)
			.query((rs) -> {
				String key = rs.getString(1);
				states.put(key, new KeyState(VersionVector.parse(rs.getString(2)),
						siblings.getOrDefault(key, List.of()), instant(rs, "max_accepted_at")));
			});
		keys.forEach((key) -> states.putIfAbsent(key, KeyState.EMPTY));
		return states;
	}

	/**
	 * Writes the keys' states as {@link #save} one by one would, with one delete and a
	 * few multi-row inserts and merges for all of them.
	 */
	void saveAll(Map<String, KeyState> states) {
		if (states.isEmpty()) {
			return;
		}
		this.jdbc.sql("delete from reconcile_sibling where op_key in (:keys)").param("keys", states.keySet()).update();
		List<Object[]> siblings = new ArrayList<>();
		List<Object[]> keys = new ArrayList<>();
		states.forEach((key, state) -> {
			state.siblings()
				.forEach((sibling) -> siblings.add(new Object[] { key, sibling.dot().replica(), sibling.dot().counter(),
						sibling.opId(), sibling.value(), utc(sibling.acceptedAt()), sibling.origin() }));
			keys.add(new Object[] { key, state.context().toString(), utc(state.maxAcceptedAt()) });
		});
		MultiRowStatements.run(this.jdbc,
				"insert into reconcile_sibling (op_key, dot_replica, dot_counter, op_id, op_value, accepted_at, "
						+ "origin) values ",
				"(?, ?, ?, ?, ?, ?, ?)", siblings);
		MultiRowStatements.run(this.jdbc,
				"merge into reconcile_key (op_key, causal_context, max_accepted_at) key (op_key) values ", "(?, ?, ?)",
				keys);
	}

	/**
	 * The reconcile ops held under each of the op ids, whatever their dots: with
	 * {@link ReconcileOp#sameWriteAs}, the twins of a page's ops, read at once.
	 */
	Map<UUID, List<ReconcileOp>> heldByOpId(Collection<UUID> opIds) {
		Map<UUID, List<ReconcileOp>> held = new HashMap<>();
		if (!opIds.isEmpty()) {
			this.jdbc.sql(HELD_BY_OP_ID).param("opIds", opIds).query((rs) -> {
				if (MODE.equals(rs.getString("mode"))) {
					ReconcileOp op = op(rs, 0);
					held.computeIfAbsent(op.opId(), (id) -> new ArrayList<>()).add(op);
				}
			});
		}
		return held;
	}

	/**
	 * Live siblings beyond the first of each key: the concurrent values waiting for a
	 * write that resolves them.
	 */
	long extraSiblings() {
		return this.jdbc.sql("select count(*) - count(distinct op_key) from reconcile_sibling")
			.query(Long.class)
			.single();
	}

	/** Keys with more than one live sibling. */
	long conflictedKeys() {
		return this.jdbc
			.sql("select count(*) from (select op_key from reconcile_sibling group by op_key having count(*) > 1)")
			.query(Long.class)
			.single();
	}

	/** Every key's state, ordered by key. */
	SortedMap<String, KeyState> all() {
		Map<String, List<Sibling>> siblings = new HashMap<>();
		this.jdbc.sql("select * from reconcile_sibling").query((rs) -> {
			siblings.computeIfAbsent(rs.getString("op_key"), (key) -> new ArrayList<>()).add(sibling(rs, 0));
		});
		SortedMap<String, KeyState> keys = new TreeMap<>();
		this.jdbc.sql("select op_key, causal_context, max_accepted_at from reconcile_key").query((rs) -> {
			String key = rs.getString(1);
			keys.put(key, new KeyState(VersionVector.parse(rs.getString(2)), siblings.getOrDefault(key, List.of()),
					instant(rs, "max_accepted_at")));
		});
		return keys;
	}

	/**
	 * The reconcile ops of the WAL in the given ranges, in per-origin counter order
	 * (origins sorted by id), at most {@code limit} and about {@code maxBytes} of text
	 * (at least one op): each origin's part is a contiguous run starting right after what
	 * the requester has.
	 * <p>
	 * The sizes are read first and only the rows within the budget are then loaded, so
	 * that a page of large values never holds more than the budget in memory (500 ops of
	 * 64 KiB would be 32 MB).
	 * <p>
	 * Both queries order by {@code dot_replica, dot_counter}, the index
	 * {@code wal_entry_dot} whole: ordered by {@code dot_counter} alone, H2 does not see
	 * that the index already yields that order under {@code dot_replica = ?}, so it read
	 * and sorted every row of the range before the limit (EXPLAIN ANALYZE: scanCount 6002
	 * instead of 501 for a page of 500 out of 6000 missing ops).
	 */
	List<ReconcileOp> opsIn(List<DotRange> ranges, int limit, long maxBytes) {
		List<ReconcileOp> ops = new ArrayList<>();
		long bytes = 0;
		for (DotRange range : ranges) {
			int room = limit - ops.size();
			if (room <= 0 || (!ops.isEmpty() && bytes >= maxBytes)) {
				break;
			}
			List<long[]> sizes = this.jdbc.sql("""
					select dot_counter, coalesce(octet_length(op_value), 0) + octet_length(op_key)
					       + coalesce(octet_length(causal_context), 0)
					from wal_entry where mode = ? and dot_replica = ? and dot_counter > ? and dot_counter <= ?
					order by dot_replica, dot_counter limit ?""")
				.params(MODE, range.replica(), range.afterCounter(), range.upToCounter(), room)
				.query((rs, rowNum) -> new long[] { rs.getLong(1), rs.getLong(2) + OP_OVERHEAD_BYTES })
				.list();
			long upTo = range.afterCounter();
			int taken = 0;
			for (long[] size : sizes) {
				if ((!ops.isEmpty() || taken > 0) && bytes + size[1] > maxBytes) {
					break;
				}
				bytes += size[1];
				upTo = size[0];
				taken++;
			}
			if (taken == 0) {
				break;
			}
			ops.addAll(this.jdbc.sql("""
					select * from wal_entry where mode = ? and dot_replica = ? and dot_counter > ? and dot_counter <= ?
					order by dot_replica, dot_counter limit ?""")
				.params(MODE, range.replica(), range.afterCounter(), upTo, taken)
				.query(ReconcileStore::op)
				.list());
			if (taken < sizes.size()) {
				break;
			}
		}
		return ops;
	}

	/**
	 * The dots under which this replica holds the same client write as {@code op} (same
	 * op id, key and value) but another dot: the client retried one op id on another
	 * replica.
	 */
	Set<Dot> twins(ReconcileOp op) {
		// by op id alone, as HELD_BY_OP_ID and for the same reason
		return heldByOpId(List.of(op.opId())).getOrDefault(op.opId(), List.of())
			.stream()
			.filter((held) -> !held.dot().equals(op.dot()) && op.sameWriteAs(held.opId(), held.key(), held.value()))
			.map(ReconcileOp::dot)
			.collect(Collectors.toSet());
	}

	Optional<ReconcileOp> find(Dot dot) {
		return this.jdbc.sql("select * from wal_entry where dot_replica = ? and dot_counter = ?")
			.params(dot.replica(), dot.counter())
			.query(ReconcileStore::op)
			.optional();
	}

	private static ReconcileOp op(ResultSet rs, int rowNum) throws SQLException {
		Long originLsn = rs.getObject("origin_lsn", Long.class);
		return new ReconcileOp(rs.getObject("op_id", UUID.class),
				new Dot(rs.getString("dot_replica"), rs.getLong("dot_counter")),
				VersionVector.parse(rs.getString("causal_context")), rs.getString("op_key"), rs.getString("op_value"),
				instant(rs, "accepted_at"), (originLsn != null) ? originLsn : rs.getLong("lsn"));
	}

	private static Sibling sibling(ResultSet rs, int rowNum) throws SQLException {
		return new Sibling(new Dot(rs.getString("dot_replica"), rs.getLong("dot_counter")),
				rs.getObject("op_id", UUID.class), rs.getString("op_value"), instant(rs, "accepted_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
