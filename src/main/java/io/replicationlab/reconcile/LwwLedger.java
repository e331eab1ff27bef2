package io.replicationlab.reconcile;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The writes last-writer-wins threw away on this replica: because losing a write silently
 * is what users of LWW systems ask about first, each one is named with its winner and why
 * it lost.
 */
@Schema(description = "Every write last-writer-wins discarded on this replica, with its winner and why it lost")
record LwwLedger(@Schema(example = "r1") String replica, @Schema(example = "lww") String conflictPolicy, int discarded,
		List<Entry> entries) {

	/**
	 * One side of a contest: a write, where it was accepted and the time its origin
	 * stamped on it.
	 */
	record Write(String opId, String dot, String origin, String value, boolean tombstone, String acceptedAt) {

		static Write of(Sibling sibling) {
			return new Write(sibling.opId().toString(), sibling.dot().toString(), sibling.origin(), sibling.value(),
					sibling.tombstone(), sibling.acceptedAt().toString());
		}

	}

	/**
	 * @param position where in this replica's applied log the loss happened (when the
	 * later of the two was merged)
	 * @param reason {@code later-clock} (the winner's timestamp is later) or
	 * {@code tiebreak} (equal timestamps, the higher origin id, then counter, wins)
	 * @param byMillis how much later the winner's timestamp is (0 for a tiebreak)
	 */
	record Entry(long position, String key, Write loser, Write winner, String reason, long byMillis,
			String explanation) {

		static Entry of(long position, String key, Sibling loser, Sibling winner) {
			Duration by = Duration.between(loser.acceptedAt(), winner.acceptedAt());
			boolean tie = by.isZero();
			String explanation = tie
					? "Both were stamped " + winner.acceptedAt() + "; the tiebreak prefers " + winner.dot() + " over "
							+ loser.dot() + " (origin id, then counter)"
					: "Its clock stamped " + loser.dot() + " " + by.toMillis() + " ms before " + winner.dot()
							+ ", which therefore wins, whatever happened first in real time";
			return new Entry(position, key, Write.of(loser), Write.of(winner), tie ? "tiebreak" : "later-clock",
					by.toMillis(), explanation);
		}

	}

}
