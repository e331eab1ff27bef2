package io.replicationlab.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.replicationlab.mode.ModeState;
import io.replicationlab.mode.PastStateSource;
import io.replicationlab.replica.Mode;
import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reconcile state as it stood at a position of this replica's applied log, and the
 * last-writer-wins ledger, both rebuilt by replaying the applied log through
 * {@link Merge} with each op as the WAL recorded it. The replay is exact because a key's
 * state depends only on the ops merged into it, in the order this replica merged them,
 * which is the order of its applied log. An op is its dot: each dot is merged once, at
 * the first row that names it (a loser's own {@code DISCARDED} row and the row of a dot
 * found held already are records, not merges), with the other dots of the same client
 * write merged before it as its twins, as {@link ReconcileMode} merged it. Rows written
 * before the applied log named dots are replayed by op id, {@code DUPLICATE} rows left
 * out, as they were.
 */
@Component
class ReconcileHistory implements PastStateSource {

	private final JdbcClient jdbc;

	private final ReconcileProperties settings;

	ReconcileHistory(JdbcClient jdbc, ReconcileProperties settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	@Override
	public Mode mode() {
		return Mode.RECONCILE;
	}

	@Override
	public ModeState stateAt(long position) {
		SortedMap<String, KeyState> keys = replay(position, null, (at, merged, op) -> {
		});
		SortedMap<String, List<String>> entries = new TreeMap<>();
		Map<String, List<String>> siblings = new LinkedHashMap<>();
		Map<String, String> contexts = new LinkedHashMap<>();
		Map<String, Long> vector = new TreeMap<>();
		keys.forEach((key, state) -> {
			if (state.present()) {
				entries.put(key, state.values());
			}
			siblings.put(key, state.siblings().stream().map(Sibling::describe).toList());
			contexts.put(key, state.context().toString());
			state.context().entries().forEach((replica, counter) -> vector.merge(replica, counter, Math::max));
		});
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("versionVector", VersionVector.of(vector).toString());
		extra.put("siblings", siblings);
		extra.put("contexts", contexts);
		return new ModeState(entries, ReconcileMode.digest(keys), extra);
	}

	/** Every write LWW discarded on this replica, in the order it discarded them. */
	List<LwwLedger.Entry> ledger() {
		List<String> keys = this.jdbc
			.sql("select distinct op_key from applied_op where mode = 'reconcile' and outcome = 'DISCARDED'")
			.query(String.class)
			.list();
		List<LwwLedger.Entry> entries = new ArrayList<>();
		if (keys.isEmpty()) {
			return entries;
		}
		replay(Long.MAX_VALUE, new HashSet<>(keys), (position, merged, op) -> {
			if (merged.outcome() == Outcome.DISCARDED) {
				entries.add(LwwLedger.Entry.of(position, op.key(), op.sibling(), merged.state().siblings().get(0)));
			}
			for (Sibling loser : merged.discarded()) {
				entries.add(LwwLedger.Entry.of(position, op.key(), loser, op.sibling()));
			}
		});
		return entries;
	}

	interface MergeListener {

		void merged(long position, Merge.Merged merged, ReconcileOp op);

	}

	private SortedMap<String, KeyState> replay(long upTo, Set<String> onlyKeys, MergeListener listener) {
		SortedMap<String, KeyState> keys = new TreeMap<>();
		Map<UUID, List<ReconcileOp>> mergedOps = new HashMap<>();
		Set<Dot> mergedDots = new HashSet<>();
		ConflictPolicy policy = this.settings.conflictPolicy();
		this.jdbc.sql("""
				select a.position, a.dot as applied_dot, w.* from applied_op a join wal_entry w on w.op_id = a.op_id
				  and (a.dot is null or a.dot = concat(w.dot_replica, ':', w.dot_counter))
				where a.mode = 'reconcile' and a.position <= ? and (a.dot is not null or a.outcome <> 'DUPLICATE')
				  and w.dot_replica is not null
				order by a.position""").param(upTo).query((rs) -> {
			String key = rs.getString("op_key");
			if (onlyKeys != null && !onlyKeys.contains(key)) {
				return;
			}
			ReconcileOp op = op(rs);
			boolean byOpId = rs.getString("applied_dot") == null;
			if ((byOpId && mergedOps.containsKey(op.opId())) || !mergedDots.add(op.dot())) {
				return;
			}
			List<ReconcileOp> sameOpId = mergedOps.computeIfAbsent(op.opId(), (id) -> new ArrayList<>());
			Set<Dot> twins = new HashSet<>();
			sameOpId.stream()
				.filter((held) -> op.sameWriteAs(held.opId(), held.key(), held.value()))
				.forEach((held) -> twins.add(held.dot()));
			sameOpId.add(op);
			Merge.Merged result = Merge.apply(keys.getOrDefault(key, KeyState.EMPTY), op, twins, policy);
			keys.put(key, result.state());
			listener.merged(rs.getLong("position"), result, op);
		});
		return keys;
	}

	private static ReconcileOp op(ResultSet rs) throws SQLException {
		Long originLsn = rs.getObject("origin_lsn", Long.class);
		return new ReconcileOp(rs.getObject("op_id", UUID.class),
				new Dot(rs.getString("dot_replica"), rs.getLong("dot_counter")),
				VersionVector.parse(rs.getString("causal_context")), rs.getString("op_key"), rs.getString("op_value"),
				rs.getObject("accepted_at", OffsetDateTime.class).toInstant(),
				(originLsn != null) ? originLsn : rs.getLong("lsn"));
	}

}
