package io.replicationlab.local;

import java.time.Clock;
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
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.KvStore;
import io.replicationlab.state.Outcome;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.GroupCommit;
import io.replicationlab.wal.NewWalEntry;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;

import org.springframework.stereotype.Component;

/** {@code local}: append to the WAL and apply, in one transaction; nothing travels. */
@Component
class LocalMode implements ReplicationMode {

	private final ReplicaProperties replica;

	private final GroupCommit groupCommit;

	private final WriteAheadLog wal;

	private final KvStore state;

	private final AppliedLog appliedLog;

	private final Clock clock;

	LocalMode(ReplicaProperties replica, GroupCommit groupCommit, WriteAheadLog wal, KvStore state,
			AppliedLog appliedLog, Clock clock) {
		this.replica = replica;
		this.groupCommit = groupCommit;
		this.wal = wal;
		this.state = state;
		this.appliedLog = appliedLog;
		this.clock = clock;
	}

	@Override
	public Mode mode() {
		return Mode.LOCAL;
	}

	@Override
	public WriteReceipt write(WriteCommand command) {
		return this.groupCommit.execute(() -> {
			AppendOnce once = this.wal.appendOnce(NewWalEntry.local(command.opId(), this.replica.id(), command.key(),
					command.value(), this.clock.instant()));
			WalEntry entry = Retries.requireSameWrite(once);
			if (once.appended()) {
				this.state.apply(Mode.LOCAL, entry.key(), entry.value(), entry.opId());
				this.appliedLog.record(Mode.LOCAL, entry.opId(), entry.origin(), entry.key(), Outcome.APPLIED,
						"lsn " + entry.lsn(), entry.acceptedAt());
			}
			return WriteReceipt.applied(this.replica.id(), entry);
		});
	}

	@Override
	public Optional<KeyValues> read(String key) {
		return this.state.get(Mode.LOCAL, key).map((value) -> new KeyValues(key, List.of(value), null));
	}

	@Override
	public ModeState state() {
		SortedMap<String, List<String>> entries = new TreeMap<>();
		this.state.entries(Mode.LOCAL).forEach((key, value) -> entries.put(key, List.of(value)));
		return new ModeState(entries, this.state.digest(Mode.LOCAL), Map.of());
	}

}
