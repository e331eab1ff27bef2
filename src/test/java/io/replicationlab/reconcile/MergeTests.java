package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The merge rule by example: each test is one sentence of the walk-through in
 * docs/modes.md.
 */
class MergeTests {

	static ReconcileOp op(String dot, String context, String value, long millis) {
		return new ReconcileOp(UUID.randomUUID(), Dot.parse(dot), VersionVector.parse(context), "color", value,
				Instant.ofEpochMilli(millis), 1);
	}

	static KeyState merge(ConflictPolicy policy, ReconcileOp... ops) {
		KeyState state = KeyState.EMPTY;
		for (ReconcileOp op : ops) {
			state = Merge.apply(state, op, policy).state();
		}
		return state;
	}

	@Test
	void writesThatDidNotSeeEachOtherStayAsSiblingsUnderAContextCoveringBoth() {
		KeyState state = merge(ConflictPolicy.MULTI_VALUE, op("r1:1", "", "red", 1), op("r2:1", "", "green", 2));
		assertThat(state.values()).containsExactly("green", "red");
		assertThat(state.context()).hasToString("r1:1,r2:1");
	}

	@Test
	void aWriteCarryingTheReadContextReplacesEverySiblingItCovers() {
		KeyState siblings = merge(ConflictPolicy.MULTI_VALUE, op("r1:1", "", "red", 1), op("r2:1", "", "green", 2));
		Merge.Merged resolved = Merge.apply(siblings, op("r3:1", "r1:1,r2:1", "purple", 3), ConflictPolicy.MULTI_VALUE);
		assertThat(resolved.outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(resolved.replaced()).extracting(Sibling::value).containsExactly("red", "green");
		assertThat(resolved.state().values()).containsExactly("purple");
	}

	@Test
	void aWriteArrivingAfterOneThatSawItIsSuperseded() {
		KeyState later = merge(ConflictPolicy.MULTI_VALUE, op("r2:1", "r1:1", "green", 2));
		Merge.Merged stale = Merge.apply(later, op("r1:1", "", "red", 1), ConflictPolicy.MULTI_VALUE);
		assertThat(stale.outcome()).isEqualTo(Outcome.SUPERSEDED);
		assertThat(stale.state().values()).containsExactly("green");
	}

	@Test
	void aDeleteIsATombstoneThatReadsHideButThatCompetesLikeAWrite() {
		KeyState deleted = merge(ConflictPolicy.MULTI_VALUE, op("r1:1", "", "red", 1), op("r1:2", "r1:1", null, 2));
		assertThat(deleted.present()).isFalse();
		assertThat(deleted.siblings()).hasSize(1);
		KeyState concurrent = Merge.apply(deleted, op("r2:1", "", "green", 3), ConflictPolicy.MULTI_VALUE).state();
		assertThat(concurrent.values()).containsExactly("green");
		assertThat(concurrent.siblings()).hasSize(2);
	}

	@Test
	void lastWriterWinsKeepsTheHighestTimeAndDiscardsTheRest() {
		Merge.Merged first = Merge.apply(KeyState.EMPTY, op("r1:1", "", "red", 5), ConflictPolicy.LWW);
		Merge.Merged loser = Merge.apply(first.state(), op("r2:1", "", "green", 3), ConflictPolicy.LWW);
		assertThat(loser.outcome()).isEqualTo(Outcome.DISCARDED);
		Merge.Merged winner = Merge.apply(loser.state(), op("r3:1", "", "blue", 9), ConflictPolicy.LWW);
		assertThat(winner.outcome()).isEqualTo(Outcome.APPLIED);
		assertThat(winner.discarded()).extracting(Sibling::value).containsExactly("red");
		assertThat(winner.state().values()).containsExactly("blue");
	}

	@Test
	void oneOpIdRetriedOnTwoReplicasShowsOnceAndIsReplacedByAWriteThatSawEitherDot() {
		UUID retried = UUID.randomUUID();
		ReconcileOp first = new ReconcileOp(retried, Dot.parse("r1~aa:1"), VersionVector.empty(), "color", "red",
				Instant.ofEpochMilli(1), 1);
		ReconcileOp again = new ReconcileOp(retried, Dot.parse("r2~bb:1"), VersionVector.empty(), "color", "red",
				Instant.ofEpochMilli(2), 1);
		ReconcileOp sawAgain = op("r2~bb:2", "r2~bb:1", "green", 3);

		Merge.Merged twin = Merge.apply(Merge.apply(KeyState.EMPTY, first, ConflictPolicy.MULTI_VALUE).state(), again,
				Set.of(first.dot()), ConflictPolicy.MULTI_VALUE);
		assertThat(twin.outcome()).isEqualTo(Outcome.DUPLICATE);
		assertThat(twin.state().values()).containsExactly("red");
		KeyState twinThenLater = Merge.apply(twin.state(), sawAgain, ConflictPolicy.MULTI_VALUE).state();

		KeyState later = merge(ConflictPolicy.MULTI_VALUE, again, sawAgain);
		Merge.Merged stale = Merge.apply(later, first, Set.of(again.dot()), ConflictPolicy.MULTI_VALUE);
		assertThat(stale.outcome()).isEqualTo(Outcome.SUPERSEDED);

		KeyState laterFirst = merge(ConflictPolicy.MULTI_VALUE, first, sawAgain);
		assertThat(laterFirst.values()).containsExactly("green", "red");
		Merge.Merged lateTwin = Merge.apply(laterFirst, again, Set.of(first.dot()), ConflictPolicy.MULTI_VALUE);
		assertThat(lateTwin.outcome()).isEqualTo(Outcome.SUPERSEDED);

		for (KeyState state : List.of(twinThenLater, stale.state(), lateTwin.state())) {
			assertThat(state.values()).containsExactly("green");
			assertThat(state).isEqualTo(twinThenLater);
		}
	}

	@Test
	void anOpWhoseContextCoversItsOwnDotIsMalformed() {
		assertThatThrownBy(() -> op("r1:2", "r1:2", "x", 1)).isInstanceOf(IllegalArgumentException.class);
	}

}
