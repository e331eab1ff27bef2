package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.AppliedOp;
import io.replicationlab.state.KvStore;
import io.replicationlab.state.Outcome;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.Source;
import io.replicationlab.wal.WriteAheadLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Applies consumed records, in offset order, inside the caller's {@code GroupCommit}
 * unit, and stores the next position in that same unit: the applies and the position
 * commit together, so a restart resumes exactly after the last applied record
 * (exactly-once effect without Kafka transactions or consumer-group commits).
 * <p>
 * What each record does depends only on the record and on what this replica applied
 * before it, which every replica applied in the same offset order; so every replica
 * writes the same applied log:
 * <ul>
 * <li>an op id already applied from the topic with the same write (key and value,
 * whichever replica published it): {@code DUPLICATE} (a second publish, or a client's
 * retry on another replica: one logical write), state untouched;</li>
 * <li>an op id already applied from the topic with a different write: {@code REJECTED} as
 * a conflict under that op id, state untouched (the first write in the order wins; its
 * origin answers 409 to the loser);</li>
 * <li>a record {@link OrderedRecordCodec#read refused by the codec}: {@code REJECTED}
 * under the op id {@link #rejectedOpId(String, long) derived from the topic and offset},
 * origin {@value #UNKNOWN}, key {@value #UNKNOWN};</li>
 * <li>otherwise: a WAL row ({@code source=KAFKA}, with the offset) unless this replica
 * already holds the op (it is the origin, or the op came before its data was lost), the
 * state change, and {@code APPLIED}.</li>
 * </ul>
 * Under the pitfall {@code apply-without-dedup} none of this deduplication happens: a
 * record whose op id was applied is applied again, and a client's retry held here that
 * another replica ordered first is still published, so that a retry elsewhere puts the op
 * in the log twice.
 * <p>
 * None of these depends on this replica's WAL, which differs from replica to replica: the
 * decisions read only what the replica wrote from the topic itself
 * ({@code total_order_applied}).
 */
@Component
class OrderedApplier {

	static final String UNKNOWN = "?";

	private static final Logger log = LoggerFactory.getLogger(OrderedApplier.class);

	private final String self;

	private final String topic;

	private final WriteAheadLog wal;

	private final KvStore state;

	private final AppliedLog appliedLog;

	private final TotalOrderBook book;

	private final io.replicationlab.replica.Pitfalls pitfalls;

	/**
	 * Whether op ids applied before V5 (without a fingerprint) must still be looked up in
	 * the applied log: asked once, on the writer's thread; every apply since records its
	 * fingerprint, so once false it stays false.
	 */
	private Boolean unfingerprinted;

	/**
	 * Whether the batch being applied recorded ops accepted here as ordered; the writer's
	 * thread only.
	 */
	private boolean ownOps;

	OrderedApplier(ReplicaProperties replica, TotalOrderProperties properties, WriteAheadLog wal, KvStore state,
			AppliedLog appliedLog, TotalOrderBook book, io.replicationlab.replica.Pitfalls pitfalls) {
		this.pitfalls = pitfalls;
		this.self = replica.id();
		this.topic = properties.topic();
		this.wal = wal;
		this.state = state;
		this.appliedLog = appliedLog;
		this.book = book;
	}

	/** A consumed record: its offset and raw value. */
	record Consumed(long offset, byte[] value) {
	}

	/** An op applied here, at its offset (to signal waiters after the commit). */
	record Applied(UUID opId, long offset) {
	}

	/**
	 * Applies the records (in offset order) and stores the position after the last, with
	 * the identity of the log they came from; call inside one unit.
	 */
	List<Applied> apply(List<Consumed> records, LogIdentity identity) {
		List<Applied> applied = new ArrayList<>(records.size());
		this.ownOps = false;
		if (this.unfingerprinted == null) {
			this.unfingerprinted = this.book.hasAppliesWithoutFingerprint();
		}
		List<Decoded> decoded = records.stream().map(this::decode).toList();
		// one query for the poll instead of one per record; the records of this poll that
		// are applied join the map as they are
		Map<UUID, TotalOrderBook.AppliedContent> firsts = this.book.appliedContents(
				decoded.stream().map(Decoded::record).filter(Objects::nonNull).map(OrderedRecord::opId).toList());
		for (Decoded record : decoded) {
			applyOne(record, firsts).ifPresent(applied::add);
		}
		if (!records.isEmpty()) {
			this.book.storeNextOffset(records.get(records.size() - 1).offset() + 1, identity);
		}
		if (this.ownOps) {
			this.book.advanceOrderedThrough();
		}
		return applied;
	}

	/** A consumed record as the codec read it, or why it refused it. */
	private record Decoded(long offset, OrderedRecord record, String refusal) {
	}

	private Decoded decode(Consumed consumed) {
		try {
			return new Decoded(consumed.offset(), OrderedRecordCodec.read(consumed.value()), null);
		}
		catch (IllegalArgumentException ex) {
			return new Decoded(consumed.offset(), null, ex.getMessage());
		}
	}

	private Optional<Applied> applyOne(Decoded decoded, Map<UUID, TotalOrderBook.AppliedContent> firsts) {
		long offset = decoded.offset();
		OrderedRecord record = decoded.record();
		if (record == null) {
			UUID opId = rejectedOpId(this.topic, offset);
			log.warn("Record at offset {} of '{}' rejected ({}); recorded as op {} and skipped", offset, this.topic,
					decoded.refusal(), opId);
			this.appliedLog.record(Mode.TOTAL_ORDER, opId, UNKNOWN, UNKNOWN, Outcome.REJECTED,
					"offset " + offset + ": " + decoded.refusal());
			return Optional.empty();
		}
		String fingerprint = TotalOrderBook.fingerprint(record.key(), record.value());
		// PITFALL apply-without-dedup: an op id already applied is applied again
		boolean dedup = !this.pitfalls.on(io.replicationlab.replica.Pitfall.APPLY_WITHOUT_DEDUP);
		Optional<TotalOrderBook.AppliedContent> first = Optional.ofNullable(firsts.get(record.opId()));
		if (first.isPresent() && dedup) {
			boolean same = first.get().fingerprint().equals(fingerprint);
			this.appliedLog.record(Mode.TOTAL_ORDER, record.opId(), record.origin(), record.key(),
					same ? Outcome.DUPLICATE : Outcome.REJECTED,
					"offset " + offset + ": op id already applied at offset " + first.get().offset()
							+ (same ? "" : " for a different write (conflict)"));
			if (this.self.equals(record.origin())) {
				this.book.ordered(record.opId(), offset);
				this.ownOps = true;
			}
			return Optional.empty();
		}
		Optional<AppliedOp> earlier = this.unfingerprinted ? this.appliedLog.find(Mode.TOTAL_ORDER, record.opId())
				: Optional.empty();
		if (earlier.isPresent() && dedup) {
			// applied before V5, without a fingerprint: a duplicate, as it was then
			this.appliedLog.record(Mode.TOTAL_ORDER, record.opId(), record.origin(), record.key(), Outcome.DUPLICATE,
					"offset " + offset + ": already applied at position " + earlier.get().position());
			return Optional.empty();
		}
		AppendOnce held = this.wal.appendOnce(NewWalEntry.fromKafka(record.opId(), record.origin(), record.key(),
				record.value(), record.originLsn(), record.acceptedAt(), offset));
		this.state.apply(Mode.TOTAL_ORDER, record.key(), record.value(), record.opId());
		this.appliedLog.record(Mode.TOTAL_ORDER, record.opId(), record.origin(), record.key(), Outcome.APPLIED,
				"offset " + offset, record.acceptedAt());
		if (first.isEmpty()) {
			this.book.recordApplied(record.opId(), offset, fingerprint);
			firsts.put(record.opId(), new TotalOrderBook.AppliedContent(offset, fingerprint));
		}
		if (this.self.equals(record.origin())
				|| (dedup && held.kind() == AppendOnce.Kind.SAME && held.entry().source() == Source.CLIENT)) {
			// ordered for sure (here, or as another replica's copy of the same write: one
			// logical write), so there is no need to publish it again, even if the relay
			// missed the acknowledgement. PITFALL apply-without-dedup: a client's retry
			// of an op another replica ordered is not recognised as the same write, so
			// the relay publishes it again (and every replica applies it again). Applied
			// here for the first time: no lower offset can be known
			if (first.isEmpty()) {
				this.book.orderedFirst(record.opId(), offset);
			}
			else {
				this.book.ordered(record.opId(), offset);
			}
			this.ownOps = true;
		}
		return Optional.of(new Applied(record.opId(), offset));
	}

	/**
	 * Issue 13: whether a pitfall is on, for the consumer's one {@code PITFALL} branch.
	 */
	boolean pitfallOn(io.replicationlab.replica.Pitfall pitfall) {
		return this.pitfalls.on(pitfall);
	}

	/**
	 * The op id a rejected record is logged under: the same on every replica, different
	 * for every offset.
	 */
	static UUID rejectedOpId(String topic, long offset) {
		return UUID.nameUUIDFromBytes(("rejected:" + topic + ":" + offset).getBytes(StandardCharsets.UTF_8));
	}

}
