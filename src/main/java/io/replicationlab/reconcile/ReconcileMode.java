package io.replicationlab.reconcile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import io.replicationlab.mode.KeyValues;
import io.replicationlab.mode.ModeState;
import io.replicationlab.mode.ReplicationMode;
import io.replicationlab.mode.Retries;
import io.replicationlab.mode.WriteCommand;
import io.replicationlab.mode.WriteReceipt;
import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.state.StateDigest;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.GroupCommit;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code reconcile}: every replica accepts writes at once, names each by a dot, and
 * merges the ops it pulls from its peers with vector clocks (see {@link Merge}).
 * <p>
 * A client write is one group-commit unit: this replica's next dot, the WAL row (with the
 * causal context), the merge into the key's state, the advance of this replica's version
 * vector. A batch of ops from a peer is one unit too, all or nothing: each op not yet
 * held is appended ({@code source=PEER}), merged, and advances the vector, in per-origin
 * counter order, so the vector always says exactly which ops this replica holds.
 */
@Component
class ReconcileMode implements ReplicationMode {

	private final String self;

	private final ReconcileProperties settings;

	private final GroupCommit groupCommit;

	private final WriteAheadLog wal;

	private final ReconcileStore store;

	private final ReconcileApply apply;

	private final ShippingCounters counters;

	/** Issue 13: the accept-time clock, which the lab can skew ({@code clock-offset}). */
	private final io.replicationlab.replica.SkewableClock clock;

	private final ApplicationEventPublisher events;

	private final Incarnation incarnation;

	private final io.replicationlab.replica.Pitfalls pitfalls;

	ReconcileMode(ReplicaProperties replica, ReconcileProperties settings, GroupCommit groupCommit, WriteAheadLog wal,
			ReconcileStore store, ReconcileApply apply, ShippingCounters counters,
			io.replicationlab.replica.SkewableClock clock, ApplicationEventPublisher events, Incarnation incarnation,
			io.replicationlab.replica.Pitfalls pitfalls) {
		this.pitfalls = pitfalls;
		this.events = events;
		this.incarnation = incarnation;
		this.self = replica.id();
		this.settings = settings;
		this.groupCommit = groupCommit;
		this.wal = wal;
		this.store = store;
		this.apply = apply;
		this.counters = counters;
		this.clock = clock;
	}

	@Override
	public Mode mode() {
		return Mode.RECONCILE;
	}

	@Override
	public WriteReceipt write(WriteCommand command) {
		Optional<VersionVector> clientContext = parseContext(command.context());
		WalEntry written = this.groupCommit.execute(() -> {
			AppendOnce once = this.wal.appendOnce(NewWalEntry.reconcile(command.opId(), this.self, command.key(),
					command.value(), this.clock.instant()), (op) -> named(op, clientContext));
			WalEntry entry = Retries.requireSameWrite(once);
			if (once.appended()) {
				this.apply.merge(new ReconcileOp(entry.opId(), entry.dot(), entry.context(), entry.key(), entry.value(),
						entry.acceptedAt(), entry.lsn()), "lsn " + entry.lsn());
			}
			return entry;
		});
		this.events.publishEvent(new FreshWrite(written.dot()));
		return WriteReceipt.applied(this.self, written);
	}

	/**
	 * A new client write as this replica records it: named by its next dot, with the
	 * context it had seen, stamped after every op of its key. Inside a unit.
	 * @throws ClientProblem 409 when the client's context names writes this replica has
	 * not seen
	 */
	private NewWalEntry named(NewWalEntry write, Optional<VersionVector> clientContext) {
		VersionVector vector = this.store.vector();
		KeyState key = this.store.load(write.key());
		VersionVector context = clientContext.orElse(key.context());
		if (this.pitfalls.on(io.replicationlab.replica.Pitfall.IGNORE_CONTEXT)) {
			// PITFALL ignore-context: the write is recorded as having seen nothing, so it
			// replaces nothing
			context = VersionVector.parse("");
		}
		VersionVector known = vector.merge(key.context());
		if (!known.descends(context)) {
			throw new ClientProblem(HttpStatus.CONFLICT, "context-ahead", "Context ahead of this replica",
					"The context " + context + " names writes replica " + this.self + " has not seen yet (it knows "
							+ known + " for this key); read the key here, or retry once the replicas have synced",
					Map.of("known", known.toString()));
		}
		Dot dot = vector.nextDot(this.incarnation.name());
		return NewWalEntry
			.reconcile(write.opId(), this.self, write.key(), write.value(), stampAfter(key.maxAcceptedAt()))
			.withDot(dot, context);
	}

	/**
	 * A client write this replica committed: the pusher may ship it to the peers at once.
	 */
	record FreshWrite(Dot dot) {
	}

	/**
	 * Applies a batch of ops received from a peer, all or nothing, in one group-commit
	 * unit.
	 * @return how many ops were new here (the others were held already and are recorded
	 * as duplicates)
	 * @throws BatchRejectedException when an op leaves a gap after this replica's vector
	 * or contradicts an op held here; nothing of the batch is applied
	 */
	int applyBatch(String peer, List<ReconcileOp> ops) {
		return this.groupCommit.execute(() -> this.apply.applyBatch(peer, ops));
	}

	/**
	 * A time for a write accepted now: after every op its key has seen, so causally later
	 * means later.
	 */
	private Instant stampAfter(Instant latestOfKey) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (this.pitfalls.on(io.replicationlab.replica.Pitfall.WALL_CLOCK_LWW)) {
			// PITFALL wall-clock-lww: the raw (skewable) wall clock, not bumped past what
			// the key has seen
			return now;
		}
		return now.isAfter(latestOfKey) ? now : latestOfKey.plus(1, ChronoUnit.MICROS);
	}

	private static Optional<VersionVector> parseContext(String context) {
		if (context == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(VersionVector.parse(context));
		}
		catch (IllegalArgumentException ex) {
			throw ClientProblem.badRequest("bad-context", "Bad context",
					"The context must be a version vector like r1:3,r2:1 (as a read returns it): " + ex.getMessage());
		}
	}

	@Override
	public Optional<KeyValues> read(String key) {
		KeyState state = this.store.load(key);
		if (!state.present()) {
			return Optional.empty();
		}
		return Optional.of(new KeyValues(key, state.values(), state.context().toString()));
	}

	@Override
	public ModeState state() {
		SortedMap<String, KeyState> keys = this.store.all();
		SortedMap<String, List<String>> entries = new TreeMap<>();
		keys.forEach((key, state) -> {
			if (state.present()) {
				entries.put(key, state.values());
			}
		});
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("versionVector", this.store.vector().toString());
		extra.put("conflictPolicy", policyName());
		// the verifier matches writes by op id, not by value (two writes of one value are
		// two writes)
		SortedMap<String, List<String>> liveOps = new TreeMap<>();
		keys.forEach((key, state) -> liveOps.put(key,
				state.siblings().stream().map((sibling) -> String.valueOf(sibling.opId())).toList()));
		extra.put("liveOps", liveOps);
		return new ModeState(entries, digest(keys), extra);
	}

	/**
	 * The digest covers every key's siblings with their dots, tombstones included, and
	 * its context: two replicas have equal digests exactly when they hold the same
	 * versions, not merely the same visible values.
	 */
	static String digest(SortedMap<String, KeyState> keys) {
		SortedMap<String, List<String>> versions = new TreeMap<>();
		keys.forEach((key, state) -> {
			List<String> described = new ArrayList<>();
			described.add("context " + state.context());
			state.siblings().forEach((sibling) -> described.add(sibling.describe()));
			versions.put(key, described);
		});
		return StateDigest.of(versions);
	}

	@Override
	public Map<String, Object> position() {
		Map<String, Object> position = new LinkedHashMap<>();
		position.put("versionVector", this.store.vector().toString());
		position.put("conflictPolicy", policyName());
		position.put("shipped", this.counters.view("shipped"));
		position.put("received", this.counters.view("received"));
		position.put("lwwDiscarded", this.counters.discardedCount());
		position.put("incarnation", this.incarnation.name());
		return position;
	}

	private String policyName() {
		return (this.settings.conflictPolicy() == ConflictPolicy.LWW) ? "lww" : "multi-value";
	}

}
