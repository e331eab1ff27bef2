package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.KvStore;
import io.replicationlab.state.Outcome;
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
	 * the identity of the log they came from; call inside one unit. Every record is
	 * decided first, in offset order, against what was applied before it (this poll's
	 * earlier records included); then the poll's rows are written table by table with a
	 * few statements each, not a handful per record.
	 */
	List<Applied> apply(List<Consumed> records, LogIdentity identity) {
		if (this.unfingerprinted == null) {
			this.unfingerprinted = this.book.hasAppliesWithoutFingerprint();
		}
		// PITFALL apply-without-dedup: an op id already applied is applied again
		boolean dedup = !this.pitfalls.on(io.replicationlab.replica.Pitfall.APPLY_WITHOUT_DEDUP);
		List<Decoded> decoded = records.stream().map(this::decode).toList();
		// one query for the poll instead of one per record; the records of this poll that
		// are applied join the map as they are decided
		Map<UUID, TotalOrderBook.AppliedContent> firsts = this.book.appliedContents(
				decoded.stream().map(Decoded::record).filter(Objects::nonNull).map(OrderedRecord::opId).toList());
		PollWrites poll = new PollWrites(this.self, dedup, this.wal, this.state, this.appliedLog, this.book);
		for (Decoded record : decoded) {
			decide(record, firsts, poll);
		}
		List<Applied> applied = poll.write();
		if (!records.isEmpty()) {
			this.book.storeNextOffset(records.get(records.size() - 1).offset() + 1, identity);
		}
		if (poll.ownOps()) {
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

	/**
	 * Decides what the record does, given what was applied before it ({@code firsts}, the
	 * applied log, the poll's earlier records), and adds its rows to the poll's.
	 */
	private void decide(Decoded decoded, Map<UUID, TotalOrderBook.AppliedContent> firsts, PollWrites poll) {
		long offset = decoded.offset();
		OrderedRecord record = decoded.record();
		if (record == null) {
			UUID opId = rejectedOpId(this.topic, offset);
			log.warn("Record at offset {} of '{}' rejected ({}); recorded as op {} and skipped", offset, this.topic,
					decoded.refusal(), opId);
			poll.logRow(opId, UNKNOWN, UNKNOWN, Outcome.REJECTED, "offset " + offset + ": " + decoded.refusal(), null);
			return;
		}
		String fingerprint = TotalOrderBook.fingerprint(record.key(), record.value());
		TotalOrderBook.AppliedContent first = firsts.get(record.opId());
		if (first != null && poll.dedup()) {
			boolean same = first.fingerprint().equals(fingerprint);
			poll.logRow(record.opId(), record.origin(), record.key(), same ? Outcome.DUPLICATE : Outcome.REJECTED,
					"offset " + offset + ": op id already applied at offset " + first.offset()
							+ (same ? "" : " for a different write (conflict)"),
					null);
			if (this.self.equals(record.origin())) {
				poll.orderedAgain(record.opId(), offset);
			}
			return;
		}
		OptionalLong earlier = (this.unfingerprinted && poll.dedup()) ? poll.earlierPosition(record.opId())
				: OptionalLong.empty();
		if (earlier.isPresent()) {
			// applied before V5, without a fingerprint: a duplicate, as it was then
			poll.logRow(record.opId(), record.origin(), record.key(), Outcome.DUPLICATE,
					"offset " + offset + ": already applied at position " + earlier.getAsLong(), null);
			return;
		}
		TotalOrderBook.AppliedContent firstContent = (first == null)
				? new TotalOrderBook.AppliedContent(offset, fingerprint) : null;
		poll.apply(record, offset, firstContent);
		if (firstContent != null) {
			firsts.put(record.opId(), firstContent);
		}
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
