package io.replicationlab.state;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SortedMap;
import java.util.TreeMap;

import io.replicationlab.replica.Mode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A single-value mode's state ({@code local}, {@code total-order}) as it stood at a
 * position of this replica's applied log, rebuilt from the replica's own history: the
 * applied log says which op was applied when, the WAL holds its value. Nothing is read
 * from the materialized state, so the answer is what the history says, not what the state
 * table happens to hold.
 */
@Component
public class PastStates {

	private final JdbcClient jdbc;

	PastStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Each key and its value after the ops applied at positions 1..{@code position} (0:
	 * before anything).
	 */
	public SortedMap<String, String> entriesAt(Mode mode, long position) {
		SortedMap<String, String> entries = new TreeMap<>();
		this.jdbc.sql("""
				select a.op_key, w.op_value from applied_op a join wal_entry w on w.op_id = a.op_id
				where a.mode = ? and a.position <= ? and a.outcome = 'APPLIED' order by a.position""")
			.params(mode.pathSegment(), position)
			.query((rs) -> {
				String value = rs.getString(2);
				if (value == null) {
					entries.remove(rs.getString(1));
				}
				else {
					entries.put(rs.getString(1), value);
				}
			});
		return entries;
	}

	/**
	 * The last position of the mode's applied log applied at or before the instant (0
	 * when none was).
	 */
	public long positionAt(Mode mode, Instant instant) {
		Long position = this.jdbc.sql("select max(position) from applied_op where mode = ? and applied_at <= ?")
			.params(mode.pathSegment(), OffsetDateTime.ofInstant(instant, ZoneOffset.UTC))
			.query(Long.class)
			.optional()
			.orElse(null);
		return (position != null) ? position : 0;
	}

	/**
	 * When the op at the position was applied; {@code null} for position 0 or a position
	 * not (yet) in the log.
	 */
	public Instant appliedAt(Mode mode, long position) {
		return this.jdbc.sql("select applied_at from applied_op where mode = ? and position = ?")
			.params(mode.pathSegment(), position)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional()
			.orElse(null);
	}

}
