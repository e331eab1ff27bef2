package io.replicationlab.totalorder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.AppliedOp;
import io.replicationlab.state.KvStore;
import io.replicationlab.state.Outcome;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.Source;
import io.replicationlab.wal.WriteAheadLog;

/**
 * What a poll of the topic writes, gathered in offset order while {@link OrderedApplier}
 * decides its records, then written table by table with a few multi-row statements each
 * (one WAL lookup for the poll's op ids, one applied-log position read), not a handful of
 * statements per record. One poll, one unit, the writer's thread only.
 */
final class PollWrites {

	private final String self;

	private final boolean dedup;

	private final WriteAheadLog wal;

	private final KvStore state;

	private final AppliedLog appliedLog;

	private final TotalOrderBook book;

	private final List<AppliedLog.Entry> logRows = new ArrayList<>();

	/**
	 * Per op id, the index in {@link #logRows} of its first row that is not a
	 * {@code DUPLICATE}: what {@link AppliedLog#find} would see of this poll.
	 */
	private final Map<UUID, Integer> logRowOf = new HashMap<>();

	private final List<Applying> applying = new ArrayList<>();

	private final List<NewWalEntry> walRows = new ArrayList<>();

	private final List<KvStore.Change> changes = new ArrayList<>();

	private final Map<UUID, TotalOrderBook.AppliedContent> firstApplies = new LinkedHashMap<>();

	private final Map<UUID, Long> orderedFirst = new LinkedHashMap<>();

	/** Later occurrences of ops accepted here, to record as ordered. */
	private final List<OrderedApplier.Applied> ordered = new ArrayList<>();

	/** Whether the poll records ops accepted here as ordered. */
	private boolean ownOps;

	PollWrites(String self, boolean dedup, WriteAheadLog wal, KvStore state, AppliedLog appliedLog,
			TotalOrderBook book) {
		this.self = self;
		this.dedup = dedup;
		this.wal = wal;
		this.state = state;
		this.appliedLog = appliedLog;
		this.book = book;
	}

	/**
	 * Whether op ids already applied are recognised (off under the pitfall
	 * {@code apply-without-dedup}).
	 */
	boolean dedup() {
		return this.dedup;
	}

	/** Whether the poll records ops accepted here as ordered. */
	boolean ownOps() {
		return this.ownOps;
	}

	/**
	 * The record is applied: its WAL row (unless held already), its state change and its
	 * {@code APPLIED} row; {@code firstContent} when its op id is applied for the first
	 * time (its fingerprint row), else null.
	 */
	void apply(OrderedRecord record, long offset, TotalOrderBook.AppliedContent firstContent) {
		this.applying.add(new Applying(record, offset, firstContent != null));
		this.walRows.add(NewWalEntry.fromKafka(record.opId(), record.origin(), record.key(), record.value(),
				record.originLsn(), record.acceptedAt(), offset));
		this.changes.add(new KvStore.Change(record.key(), record.value(), record.opId()));
		logRow(record.opId(), record.origin(), record.key(), Outcome.APPLIED, "offset " + offset, record.acceptedAt());
		if (firstContent != null) {
			this.firstApplies.put(record.opId(), firstContent);
		}
	}

	/**
	 * A later occurrence of an op accepted here: recorded as ordered at this offset too.
	 */
	void orderedAgain(UUID opId, long offset) {
		this.ordered.add(new OrderedApplier.Applied(opId, offset));
		this.ownOps = true;
	}

	void logRow(UUID opId, String origin, String key, Outcome outcome, String detail, Instant acceptedAt) {
		if (outcome != Outcome.DUPLICATE) {
			this.logRowOf.putIfAbsent(opId, this.logRows.size());
		}
		this.logRows.add(new AppliedLog.Entry(opId, origin, key, null, outcome, detail, acceptedAt));
	}

	/**
	 * The position of the op id's first row in the applied log that is not a
	 * {@code DUPLICATE}, this poll's rows (positions after the log's last) included.
	 */
	OptionalLong earlierPosition(UUID opId) {
		Optional<AppliedOp> logged = this.appliedLog.find(Mode.TOTAL_ORDER, opId);
		if (logged.isPresent()) {
			return OptionalLong.of(logged.get().position());
		}
		Integer row = this.logRowOf.get(opId);
		return (row != null) ? OptionalLong.of(this.appliedLog.lastPosition(Mode.TOTAL_ORDER) + row + 1)
				: OptionalLong.empty();
	}

	/** Writes the poll's rows; returns the ops applied, in offset order. */
	List<OrderedApplier.Applied> write() {
		List<AppendOnce> held = this.wal.appendAllOnce(this.walRows);
		this.state.applyAll(Mode.TOTAL_ORDER, this.changes);
		this.appliedLog.recordAll(Mode.TOTAL_ORDER, this.logRows);
		this.book.recordApplied(this.firstApplies);
		List<OrderedApplier.Applied> applied = new ArrayList<>(this.applying.size());
		for (int i = 0; i < this.applying.size(); i++) {
			Applying op = this.applying.get(i);
			ordered(op, held.get(i));
			applied.add(new OrderedApplier.Applied(op.record().opId(), op.offset()));
		}
		this.book.orderedFirst(this.orderedFirst);
		// after the first offsets: an op's later occurrence never lowers them, and
		// recording them in any order keeps the lowest
		this.ordered.forEach((op) -> this.book.ordered(op.opId(), op.offset()));
		return applied;
	}

	private void ordered(Applying op, AppendOnce held) {
		OrderedRecord record = op.record();
		if (this.self.equals(record.origin())
				|| (this.dedup && held.kind() == AppendOnce.Kind.SAME && held.entry().source() == Source.CLIENT)) {
			// Ordered for sure, here or as another replica's copy of the same write (one
			// logical write): no need to publish it again, even if the relay missed the
			// acknowledgement. Applied here for the first time: no lower offset can be
			// known. PITFALL apply-without-dedup: a client's retry of an op that another
			// replica ordered is not recognised, so the relay publishes it again.
			if (op.first()) {
				this.orderedFirst.put(record.opId(), op.offset());
			}
			else {
				this.ordered.add(new OrderedApplier.Applied(record.opId(), op.offset()));
			}
			this.ownOps = true;
		}
	}

	/** A record decided to be applied: its WAL row, state change and log row follow. */
	private record Applying(OrderedRecord record, long offset, boolean first) {
	}

}
