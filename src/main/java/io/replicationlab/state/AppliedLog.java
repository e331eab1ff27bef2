package io.replicationlab.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.replicationlab.replica.Mode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each mode's applied log: the order in which this replica applied operations to that
 * mode's state, and the {@link Outcome} of each. Positions are 1, 2, 3... per mode
 * without gaps. Written only by the replica's single writer (inside its transaction), so
 * reading the last position and inserting the next one cannot race.
 */
@Component
public class AppliedLog {

	private static final Duration LONGEST_TIMEABLE = Duration.ofNanos(Long.MAX_VALUE);

	/**
	 * How far below the hint {@link #lastPosition} looks before it reads the whole mode.
	 */
	private static final long HINT_SLACK = 10_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	/**
	 * Per mode, the last position recorded by this replica: where {@link #lastPosition}
	 * starts looking.
	 */
	private final Map<Mode, Long> positionHints = new ConcurrentHashMap<>();

	/**
	 * The meters, registered once each (a registry lookup per apply cost more than the
	 * increment).
	 */
	private final Map<Mode, Timer> latencies = new ConcurrentHashMap<>();

	private final Map<String, Counter> applies = new ConcurrentHashMap<>();

	AppliedLog(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
		// every (mode, outcome) series exists from the start at 0, so that "no duplicates
		// yet" reads as 0, not absent
		for (Mode mode : Mode.values()) {
			for (Outcome outcome : Outcome.values()) {
				applies(mode, outcome);
			}
		}
	}

	private Counter applies(Mode mode, Outcome outcome) {
		return this.applies.computeIfAbsent(mode.pathSegment() + "/" + outcome.name(),
				(name) -> Counter.builder("replication.applies")
					.description("Operations applied to a mode's state, by outcome")
					.tag("mode", mode.pathSegment())
					.tag("outcome", outcome.name().toLowerCase())
					.register(this.meters));
	}

	/**
	 * Appends the next row of the mode's applied log for an op that changed the state,
	 * and times {@code replication.apply.latency}: from the op's acceptance by its origin
	 * to now. Call inside the transaction that applies the op. Clocks of different
	 * replicas differ: a negative latency counts as zero.
	 */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, Outcome outcome, String detail,
			Instant acceptedAt) {
		return record(mode, opId, origin, key, null, outcome, detail, acceptedAt);
	}

	/**
	 * {@link #record(Mode, UUID, String, String, Outcome, String, Instant)} for a
	 * reconcile op, naming its dot.
	 * @param dot the dot merged ({@code r1~3f9a0c2e:7}): one op id retried on two
	 * replicas has two
	 */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, String dot, Outcome outcome, String detail,
			Instant acceptedAt) {
		AppliedOp applied = record(mode, opId, origin, key, dot, outcome, detail);
		Duration latency = Duration.between(acceptedAt, applied.appliedAt());
		latency(mode).record(timeable(latency));
		return applied;
	}

	/**
	 * A latency a timer can hold: timers count nanoseconds in a long (292 years), and an
	 * op may claim any acceptance time from year 0 to 9999; a skewed clock's negative
	 * latency counts as zero.
	 */
	static Duration timeable(Duration latency) {
		if (latency.isNegative()) {
			return Duration.ZERO;
		}
		return (latency.compareTo(LONGEST_TIMEABLE) > 0) ? LONGEST_TIMEABLE : latency;
	}

	/**
	 * Appends the next row of the mode's applied log; call inside the transaction that
	 * applies the op.
	 */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, Outcome outcome, String detail) {
		return record(mode, opId, origin, key, null, outcome, detail);
	}

	/**
	 * Appends the next row of the mode's applied log; call inside the transaction that
	 * applies the op.
	 * @param dot reconcile: the dot the row is about (merged, held already, or
	 * discarded); {@code null} elsewhere
	 */
	public AppliedOp record(Mode mode, UUID opId, String origin, String key, String dot, Outcome outcome,
			String detail) {
		long position = lastPosition(mode) + 1;
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into applied_op (mode, position, op_id, origin, op_key, outcome, detail, applied_at, dot)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(mode.pathSegment(), position, opId, origin, key, outcome.name(), abbreviate(detail),
					OffsetDateTime.ofInstant(now, ZoneOffset.UTC), dot)
			.update();
		applies(mode, outcome).increment();
		this.positionHints.put(mode, position);
		return new AppliedOp(mode, position, opId, origin, key, outcome, detail, now, dot);
	}

	/**
	 * One row of a mode's applied log about to be recorded ({@link #recordAll}).
	 *
	 * @param dot reconcile: the dot the row is about; {@code null} elsewhere
	 * @param acceptedAt when the op's origin accepted it, to time
	 * {@code replication.apply.latency}; {@code null}: not timed
	 */
	public record Entry(UUID opId, String origin, String key, String dot, Outcome outcome, String detail,
			Instant acceptedAt) {
	}

	/**
	 * Appends the rows in this order, as {@link #record} one by one would, with a few
	 * multi-row inserts (a page of pulled ops cost two statements per op); call inside
	 * the transaction that applies the ops.
	 */
	public void recordAll(Mode mode, List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		long position = lastPosition(mode);
		Instant now = this.clock.instant();
		OffsetDateTime appliedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>(entries.size());
		for (Entry entry : entries) {
			rows.add(new Object[] { mode.pathSegment(), ++position, entry.opId(), entry.origin(), entry.key(),
					entry.outcome().name(), abbreviate(entry.detail()), appliedAt, entry.dot() });
		}
		MultiRowStatements.run(this.jdbc,
				"insert into applied_op (mode, position, op_id, origin, op_key, outcome, detail, applied_at, dot) values ",
				"(?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		this.positionHints.put(mode, position);
		for (Entry entry : entries) {
			applies(mode, entry.outcome()).increment();
			if (entry.acceptedAt() != null) {
				latency(mode).record(timeable(Duration.between(entry.acceptedAt(), now)));
			}
		}
	}

	private Timer latency(Mode mode) {
		return this.latencies.computeIfAbsent(mode,
				(m) -> Timer.builder("replication.apply.latency")
					.description("Time from an op's acceptance by its origin to its application on this replica")
					.tag("mode", m.pathSegment())
					.register(this.meters));
	}

	/**
	 * The mode's last position (0 when nothing was applied).
	 * {@code max(position) where mode = ?} scans every row of the mode in H2, which made
	 * each apply cost more than the one before; so the last position recorded here is a
	 * hint, and the maximum is read only over the positions from the hint on (an index
	 * range of a few rows). The hint may be ahead of what this transaction sees (its
	 * transaction rolled back, or not committed yet): then no row is at or above it and
	 * the ranges below it are tried, down to the whole mode. The answer is always the
	 * database's.
	 */
	public long lastPosition(Mode mode) {
		long hint = this.positionHints.getOrDefault(mode, 0L);
		if (hint > 0) {
			for (long from : new long[] { hint, hint - HINT_SLACK }) {
				Long last = maxPositionFrom(mode, Math.max(from, 1));
				if (last != null) {
					return last;
				}
			}
		}
		Long last = maxPositionFrom(mode, 0);
		return (last != null) ? last : 0;
	}

	private Long maxPositionFrom(Mode mode, long from) {
		return this.jdbc.sql("select max(position) from applied_op where mode = ? and position >= ?")
			.params(mode.pathSegment(), from)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	/**
	 * The first row for this op in the mode's log whose outcome is not
	 * {@link Outcome#DUPLICATE}.
	 */
	public Optional<AppliedOp> find(Mode mode, UUID opId) {
		return this.jdbc.sql("""
				select * from applied_op where op_id = ? and mode = ? and outcome <> 'DUPLICATE'
				order by position limit 1""").params(opId, mode.pathSegment()).query(AppliedLog::row).optional();
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
				rs.getObject("applied_at", OffsetDateTime.class).toInstant(), rs.getString("dot"));
	}

}
