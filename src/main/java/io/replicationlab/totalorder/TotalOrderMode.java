package io.replicationlab.totalorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.replicationlab.mode.AwaitLevel;
import io.replicationlab.mode.KeyValues;
import io.replicationlab.mode.ModeState;
import io.replicationlab.mode.ReplicationMode;
import io.replicationlab.mode.Retries;
import io.replicationlab.mode.WriteCommand;
import io.replicationlab.mode.WriteReceipt;
import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.KvStore;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.tracing.OpTraces;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.GroupCommit;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.Source;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code total-order}: a write is appended to the WAL (one transaction; the WAL is the
 * outbox: see {@link TotalOrderBook#outboxAfter}), published by the {@link Relay}, and
 * applied by every replica in the topic's offset order by the {@link OrderedConsumer}.
 * The client decides how long to wait ({@link AwaitLevel}); a write that is durable but
 * not at that level within {@code await-timeout} is answered with {@code complete=false}
 * (202) and the status it reached: it is safe in the WAL and will be ordered once Kafka
 * is reachable.
 * <p>
 * An op id reused on another replica for a different write is a conflict, never a silent
 * duplicate: the topic orders both, the first is applied and the second {@code REJECTED}
 * everywhere (see {@link OrderedApplier}), and the loser's origin answers 409 (problem
 * {@code op-id-conflict}) instead of a receipt, and reports the op {@code rejected}.
 */
@Component
class TotalOrderMode implements ReplicationMode {

	private final ReplicaProperties replica;

	private final TotalOrderProperties properties;

	private final GroupCommit groupCommit;

	private final WriteAheadLog wal;

	private final KvStore state;

	private final AppliedLog appliedLog;

	private final TotalOrderBook book;

	private final Relay relay;

	private final OrderedConsumer consumer;

	private final KafkaLink link;

	private final Waiters waiters;

	private final Clock clock;

	private final OpTraces traces;

	TotalOrderMode(ReplicaProperties replica, TotalOrderProperties properties, GroupCommit groupCommit,
			WriteAheadLog wal, KvStore state, AppliedLog appliedLog, TotalOrderBook book, Relay relay,
			OrderedConsumer consumer, KafkaLink link, Waiters waiters, Clock clock, OpTraces traces) {
		this.traces = traces;
		this.replica = replica;
		this.properties = properties;
		this.groupCommit = groupCommit;
		this.wal = wal;
		this.state = state;
		this.appliedLog = appliedLog;
		this.book = book;
		this.relay = relay;
		this.consumer = consumer;
		this.link = link;
		this.waiters = waiters;
		this.clock = clock;
	}

	@Override
	public Mode mode() {
		return Mode.TOTAL_ORDER;
	}

	@Override
	public WriteReceipt write(WriteCommand command) {
		Waiters.Waiter waiter = (command.await() != AwaitLevel.DURABLE) ? this.waiters.register(command.opId()) : null;
		try {
			Instant deadline = this.clock.instant().plus(this.properties.awaitTimeout());
			AppendOnce appended = this.traces.inSpan("wal append", () -> append(command));
			WalEntry entry = appended.entry();
			if (waiter != null) {
				awaitLevel(entry, command.await(), waiter, deadline, appended.appended());
			}
			return receipt(entry, command.await(), waiter);
		}
		finally {
			if (waiter != null) {
				this.waiters.forget(waiter);
			}
		}
	}

	/**
	 * Appends the write to the WAL (its row is the outbox entry too: published until it
	 * is recorded as ordered) and nudges the relay on the writer's thread as soon as the
	 * write is durable, not once this request's thread has woken up: one wake-up fewer
	 * between a write and its publish.
	 */
	private AppendOnce append(WriteCommand command) {
		return this.groupCommit.execute(() -> {
			AppendOnce once = this.wal.appendOnce(NewWalEntry.totalOrder(command.opId(), this.replica.id(),
					command.key(), command.value(), this.clock.instant()));
			Retries.requireSameWrite(once);
			return once;
		}, this.relay::nudge);
	}

	/**
	 * Waits for the signal of the level. A write appended just now needs no look at the
	 * database first: its waiter registered before the append, so no signal of its op can
	 * have been missed; a retry of an earlier write may have reached the level long ago.
	 */
	private void awaitLevel(WalEntry entry, AwaitLevel level, Waiters.Waiter waiter, Instant deadline,
			boolean appendedNow) {
		if (!appendedNow && reached(status(entry, AwaitLevel.DURABLE, false), level)) {
			return;
		}
		CompletableFuture<Long> signal = (level == AwaitLevel.ORDERED) ? waiter.ordered() : waiter.applied();
		long remaining = Duration.between(this.clock.instant(), deadline).toMillis();
		try {
			signal.get(Math.max(remaining, 0), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// answered with the status reached so far
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private WriteReceipt receipt(WalEntry entry, AwaitLevel level, Waiters.Waiter waiter) {
		rejection(entry).ifPresent((reason) -> {
			throw new ClientProblem(HttpStatus.CONFLICT, "op-id-conflict", "Op id ordered for another write",
					reason + "; this write (lsn " + entry.lsn() + ") is durable here but will never be applied. Use a "
							+ "new op id for a new write.",
					Map.of("lsn", entry.lsn()));
		});
		// the applied signal comes after the commit that applied the op id here
		OpProgress progress = status(entry, level, (waiter != null) && waiter.applied().isDone());
		return WriteReceipt.reached(this.replica.id(), entry, progress.level(), progress.offset(),
				reached(progress, level));
	}

	/** How far an op has come here: applied, ordered (offset known) or only durable. */
	private record OpProgress(AwaitLevel level, Long offset) {
	}

	/**
	 * The progress as recorded in the database; only for a write that awaits
	 * {@code ordered} or more, an acknowledgement the relay holds in memory is recorded
	 * first and counted (so that an {@code await=durable} answer costs no extra commit).
	 * {@code signalledApplied}: the op is known applied here, without asking the applied
	 * log.
	 */
	private OpProgress status(WalEntry entry, AwaitLevel level, boolean signalledApplied) {
		OptionalLong offset = (entry.kafkaOffset() != null) ? OptionalLong.of(entry.kafkaOffset())
				: this.book.recordedOffset(entry.opId());
		if (signalledApplied || this.appliedLog.contains(Mode.TOTAL_ORDER, entry.opId())) {
			return new OpProgress(AwaitLevel.APPLIED, offset.isPresent() ? offset.getAsLong() : null);
		}
		if (offset.isEmpty() && level.compareTo(AwaitLevel.ORDERED) >= 0) {
			offset = this.book.orderedOffset(entry.opId());
		}
		return new OpProgress(offset.isPresent() ? AwaitLevel.ORDERED : AwaitLevel.DURABLE,
				offset.isPresent() ? offset.getAsLong() : null);
	}

	private static boolean reached(OpProgress progress, AwaitLevel level) {
		return progress.level().compareTo(level) >= 0;
	}

	@Override
	public Optional<KeyValues> read(String key) {
		return this.state.get(Mode.TOTAL_ORDER, key).map((value) -> new KeyValues(key, List.of(value), null));
	}

	@Override
	public ModeState state() {
		SortedMap<String, List<String>> entries = new TreeMap<>();
		this.state.entries(Mode.TOTAL_ORDER).forEach((key, value) -> entries.put(key, List.of(value)));
		return new ModeState(entries, this.state.digest(Mode.TOTAL_ORDER), position());
	}

	@Override
	public Optional<String> rejection(UUID opId) {
		return this.wal.find(opId).flatMap(this::rejection);
	}

	/**
	 * A write accepted here whose op id was applied from the topic for a different write.
	 */
	private Optional<String> rejection(WalEntry entry) {
		if (entry.mode() != Mode.TOTAL_ORDER || entry.source() != Source.CLIENT) {
			return Optional.empty();
		}
		return this.book.appliedContent(entry.opId())
			.filter((applied) -> !applied.fingerprint().equals(TotalOrderBook.fingerprint(entry.key(), entry.value())))
			.map((applied) -> "Op id " + entry.opId() + " was ordered first at offset " + applied.offset()
					+ " for a different write (another replica accepted it with other content), and that write was "
					+ "applied");
	}

	@Override
	public OptionalLong orderedOffset(UUID opId) {
		return this.book.orderedOffset(opId);
	}

	@Override
	public Map<String, Object> position() {
		Map<String, Object> position = new LinkedHashMap<>();
		position.put("topic", this.properties.topic());
		long next = this.book.nextOffset();
		position.put("consumedOffset", next);
		this.consumer.endOffset().ifPresent((end) -> {
			position.put("endOffset", end);
			position.put("lag", Math.max(0, end - next));
		});
		position.put("outbox", this.book.outboxSize());
		position.put("kafka", this.link.status().state().name());
		this.link.halted().ifPresent((reason) -> position.put("halted", reason));
		return position;
	}

}
