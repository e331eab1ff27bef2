package io.replicationlab.totalorder;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mode's bookkeeping in the replica's database: the outbox, the consumed position and the offsets at which this
 * replica's own ops were ordered. Writes run inside {@code GroupCommit} units (the caller's), so that they commit
 * together with the WAL append or the applies they belong to; reads may run anywhere.
 */
@Component
class TotalOrderBook {

	private final JdbcClient jdbc;

	private final WriteAheadLog wal;

	private final Clock clock;

	private final String topic;

	TotalOrderBook(JdbcClient jdbc, WriteAheadLog wal, Clock clock, TotalOrderProperties properties) {
		this.jdbc = jdbc;
		this.wal = wal;
		this.clock = clock;
		this.topic = properties.topic();
	}

	void addToOutbox(WalEntry entry) {
		this.jdbc.sql("insert into total_order_outbox (lsn, op_id) values (?, ?)")
			.params(entry.lsn(), entry.opId())
			.update();
	}

	/** The oldest outbox entries, in WAL order. */
	List<WalEntry> outbox(int limit) {
		return outboxAfter(0, limit);
	}

	/** The oldest outbox entries after the given lsn, in WAL order. */
	List<WalEntry> outboxAfter(long afterLsn, int limit) {
		List<UUID> opIds = this.jdbc.sql("select op_id from total_order_outbox where lsn > ? order by lsn limit ?")
			.params(afterLsn, limit)
			.query(UUID.class)
			.list();
		List<WalEntry> entries = this.wal.findAll(opIds);
		if (entries.size() != opIds.size()) {
			List<UUID> found = entries.stream().map(WalEntry::opId).toList();
			UUID missing = opIds.stream().filter((opId) -> !found.contains(opId)).findFirst().orElseThrow();
			throw new IllegalStateException("outbox op " + missing + " is not in the WAL");
		}
		return entries;
	}

	long outboxSize() {
		return this.jdbc.sql("select count(*) from total_order_outbox").query(Long.class).single();
	}

	/**
	 * Records that the op was ordered at the offset and takes it out of the outbox. Idempotent; when the op was
	 * published twice, the lowest offset (its first occurrence, where it was applied) is kept.
	 */
	void ordered(UUID opId, long offset) {
		this.jdbc.sql("delete from total_order_outbox where op_id = ?").param(opId).update();
		OptionalLong known = orderedOffset(opId);
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
	}

	OptionalLong orderedOffset(UUID opId) {
		return this.jdbc.sql("select kafka_offset from total_order_ordered where op_id = ?")
			.param(opId)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/** The next offset to consume from the configured topic: 0 when this replica has never consumed it. */
	long nextOffset() {
		return this.jdbc.sql("select next_offset from total_order_position where topic = ?")
			.param(this.topic)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	void storeNextOffset(long nextOffset) {
		this.jdbc.sql("merge into total_order_position (topic, next_offset) key (topic) values (?, ?)")
			.params(this.topic, nextOffset)
			.update();
	}

}
