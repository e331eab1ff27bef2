package io.replicationlab.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.replicationlab.replica.Mode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each mode's applied log: the order in which this replica applied operations to that mode's state, and the
 * {@link Outcome} of each. Positions are 1, 2, 3... per mode without gaps. Written only by the replica's single
 * writer (inside its transaction), so reading the last position and inserting the next one cannot race.
 */
@Component
public class AppliedLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	AppliedLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
		// every (mode, outcome) series exists from the start at 0, so that "no duplicates yet" reads as 0, not absent
		for (Mode mode : Mode.values()) {
			for (Outcome outcome : Outcome.values()) {
				applies(mode, outcome);
			}
		}
	}

	private Counter applies(Mode mode, Outcome outcome) {
		return Counter.builder("replication.applies")
			.description("Operations applied to a mode's state, by outcome")
			.tag("mode", mode.pathSegment())
			.tag("outcome", outcome.name().toLowerCase())
			.register(this.meters);
	}

	/**
	 * Appends the next row of the mode's applied log for an op that changed the state, and times
	 * {@code replication.apply.latency}: from the op's acceptance by its origin to now. Call inside the transaction
	 * that applies the op. Clocks of different replicas differ: a negative latency counts as zero.
	 */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, Outcome outcome, String detail,
			Instant acceptedAt) {
		AppliedOp applied = record(mode, opId, origin, key, outcome, detail);
		Duration latency = Duration.between(acceptedAt, applied.appliedAt());
		Timer.builder("replication.apply.latency")
			.description("Time from an op's acceptance by its origin to its application on this replica")
			.tag("mode", mode.pathSegment())
			.register(this.meters)
			.record(latency.isNegative() ? Duration.ZERO : latency);
		return applied;
	}

	/** Appends the next row of the mode's applied log; call inside the transaction that applies the op. */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, Outcome outcome, String detail) {
		long position = lastPosition(mode) + 1;
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into applied_op (mode, position, op_id, origin, op_key, outcome, detail, applied_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(mode.pathSegment(), position, opId, origin, key, outcome.name(), abbreviate(detail),
					OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		applies(mode, outcome).increment();
		return new AppliedOp(mode, position, opId, origin, key, outcome, detail, now);
	}

	public long lastPosition(Mode mode) {
		return this.jdbc.sql("select coalesce(max(position), 0) from applied_op where mode = ?")
			.param(mode.pathSegment())
			.query(Long.class)
			.single();
	}

	/** The first row for this op in the mode's log whose outcome is not {@link Outcome#DUPLICATE}. */
	public Optional<AppliedOp> find(Mode mode, UUID opId) {
		return this.jdbc.sql("""
				select * from applied_op where op_id = ? and mode = ? and outcome <> 'DUPLICATE'
				order by position limit 1""")
			.params(opId, mode.pathSegment())
			.query(AppliedLog::row)
			.optional();
	}

	public boolean contains(Mode mode, UUID opId) {
		return find(mode, opId).isPresent();
	}

	public List<AppliedOp> page(Mode mode, long afterPosition, int limit) {
		return this.jdbc.sql("select * from applied_op where mode = ? and position > ? order by position limit ?")
			.params(mode.pathSegment(), afterPosition, limit)
			.query(AppliedLog::row)
			.list();
	}

	private static String abbreviate(String detail) {
		return (detail == null || detail.length() <= 512) ? detail : detail.substring(0, 509) + "...";
	}

	private static AppliedOp row(ResultSet rs, int rowNum) throws SQLException {
		return new AppliedOp(Mode.fromPathSegment(rs.getString("mode")).orElseThrow(), rs.getLong("position"),
				rs.getObject("op_id", UUID.class), rs.getString("origin"), rs.getString("op_key"),
				Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"),
				rs.getObject("applied_at", OffsetDateTime.class).toInstant());
	}

}
