package io.replicationlab.wal;

import java.util.Objects;

/**
 * What {@link WriteAheadLog#appendOnce} did with an op: {@code APPENDED} it, or found its
 * op id in the log already, for the {@code SAME} write (a retry: nothing was written) or
 * for another one ({@code CONFLICT}: nothing was written).
 *
 * @param kind which of the three
 * @param entry the row appended, or the row already in the log
 */
public record AppendOnce(Kind kind, WalEntry entry) {

	public enum Kind {

		APPENDED, SAME, CONFLICT

	}

	public AppendOnce {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(entry, "entry");
	}

	/**
	 * Whether the op was new and is now in the log: its effects are still to be applied.
	 */
	public boolean appended() {
		return this.kind == Kind.APPENDED;
	}

}
