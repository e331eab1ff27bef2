package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.state.Outcome;
import io.replicationlab.wal.Source;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.replicationlab.cluster.Histories.op;
import static io.replicationlab.cluster.Histories.reconcile;
import static io.replicationlab.cluster.Histories.reconcileWrite;
import static io.replicationlab.cluster.Histories.totalOrder;
import static io.replicationlab.cluster.Histories.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of the verifier, on hand-made histories that keep and that break its
 * property.
 */
class VerifierTests {

	static final List<Histories.Write> WRITES = List.of(write(1, "r1", "color", "blue"), write(2, "r2", "color", "red"),
			write(3, "r3", "size", "L"), write(4, "r1", "size", "M"));

	@Nested
	class TotalOrder {

		@Test
		void everyPropertyHoldsWhenAllReplicasAppliedTheSameOrder() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, WRITES),
					totalOrder("r3", WRITES, WRITES));

			List<PropertyCheck> checks = Verifier.verify(Mode.TOTAL_ORDER, histories, List.of(), true);

			assertThat(checks).extracting(PropertyCheck::property)
				.containsExactly("agreement", "integrity", "no-fabrication", "no-loss", "no-unpublished-write",
						"equal-prefix-equal-state");
			assertThat(checks).allSatisfy((check) -> assertThat(check.holds()).as(check.property()).isTrue());
		}

		@Test
		void withAReplicaUnreachableNothingHoldsAndNothingFails() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, WRITES));

			List<PropertyCheck> checks = Verifier.verify(Mode.TOTAL_ORDER, histories, List.of("r3"), true);

			assertThat(checks).allSatisfy((check) -> {
				assertThat(check.verdict()).as(check.property()).isEqualTo("unknown");
				assertThat(check.holds()).isFalse();
				assertThat(check.notes()).anySatisfy((note) -> assertThat(note).contains("r3"));
			});
			assertThat(Verifier.verdict(checks)).isEqualTo("unknown");
		}

		@Test
		void aReorderedPairBreaksAgreement() {
			List<Histories.Write> reordered = List.of(WRITES.get(1), WRITES.get(0), WRITES.get(2), WRITES.get(3));
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, reordered));

			PropertyCheck agreement = TotalOrderChecks.agreement(histories);

			assertThat(agreement.holds()).isFalse();
			assertThat(agreement.counterexample().replicas()).containsExactly("r1", "r2");
			assertThat(agreement.counterexample().opIds()).containsExactly(op(1), op(2));
			assertThat(agreement.counterexample().positions()).containsEntry("r1", List.of(1L))
				.containsEntry("r2", List.of(1L));
			assertThat(agreement.counterexample().explanation()).contains("agree on their first 0 applied ops")
				.contains(op(1).toString())
				.contains(op(2).toString());
		}

		@Test
		void aReplicaBehindIsAPrefixNotADisagreement() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES),
					totalOrder("r2", WRITES, WRITES.subList(0, 2)));

			assertThat(TotalOrderChecks.agreement(histories).holds()).isTrue();
			TotalOrderChecks.Prefix prefix = TotalOrderChecks.commonPrefix(histories);
			assertThat(prefix.length()).isEqualTo(2);
			assertThat(prefix.firstDifference()).isEqualTo(3);
			assertThat(prefix.atFirstDifference()).containsEntry("r1", op(3) + "@3").containsEntry("r2", null);
		}

		@Test
		void anOpAppliedTwiceBreaksIntegrity() {
			List<AppliedRow> twice = new ArrayList<>();
			twice.add(new AppliedRow(1, op(1), "r1", "color", Outcome.APPLIED));
			twice.add(new AppliedRow(2, op(2), "r2", "color", Outcome.APPLIED));
			twice.add(new AppliedRow(3, op(1), "r1", "color", Outcome.APPLIED));
			History r1 = Histories.withApplied("r1", WRITES, WRITES.subList(0, 2), twice);

			PropertyCheck integrity = TotalOrderChecks.integrity(List.of(r1));

			assertThat(integrity.holds()).isFalse();
			assertThat(integrity.counterexample().replicas()).containsExactly("r1");
			assertThat(integrity.counterexample().opIds()).containsExactly(op(1));
			assertThat(integrity.counterexample().positions()).containsEntry("r1", List.of(1L, 3L));
		}

		@Test
		void aSkippedDuplicateIsNotAnOpAppliedTwice() {
			List<AppliedRow> skipped = List.of(new AppliedRow(1, op(1), "r1", "color", Outcome.APPLIED),
					new AppliedRow(2, op(1), "r1", "color", Outcome.DUPLICATE));
			History r1 = Histories.withApplied("r1", WRITES, WRITES.subList(0, 1), skipped);
			History r2 = totalOrder("r2", WRITES, WRITES.subList(0, 1));

			assertThat(TotalOrderChecks.integrity(List.of(r1, r2)).holds()).isTrue();
			assertThat(TotalOrderChecks.agreement(List.of(r1, r2)).holds()).isTrue();
		}

		@Test
		void anOpNoClientWroteBreaksNoFabrication() {
			Histories.Write forged = write(9, "r2", "color", "green");
			List<Histories.Write> applied = List.of(WRITES.get(0), forged);
			History r1 = totalOrder("r1", WRITES, applied);
			History r2 = totalOrder("r2", WRITES, List.of(WRITES.get(0)));

			PropertyCheck noFabrication = TotalOrderChecks.noFabrication(List.of(r1, r2), List.of());

			assertThat(noFabrication.holds()).isFalse();
			assertThat(noFabrication.counterexample().opIds()).containsExactly(op(9));
			assertThat(noFabrication.counterexample().replicas()).containsExactly("r1");
			assertThat(noFabrication.counterexample().positions()).containsEntry("r1", List.of(2L));
		}

		@Test
		void anOpFromAnUnreachableOriginIsNotJudgedAFabrication() {
			History r1 = totalOrder("r1", WRITES, WRITES);

			PropertyCheck noFabrication = TotalOrderChecks.noFabrication(List.of(r1), List.of("r2", "r3"));

			assertThat(noFabrication.holds()).isTrue();
			assertThat(noFabrication.notes()).singleElement().asString().contains("r2, r3");
		}

		@Test
		void anOrderedOpMissingOnAReplicaBreaksNoLoss() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, WRITES),
					totalOrder("r3", WRITES, List.of(WRITES.get(0), WRITES.get(1), WRITES.get(3))));

			PropertyCheck noLoss = TotalOrderChecks.noLoss(histories, List.of(), true);

			assertThat(noLoss.holds()).isFalse();
			assertThat(noLoss.counterexample().replicas()).containsExactly("r3");
			assertThat(noLoss.counterexample().opIds()).containsExactly(op(3));
			assertThat(TotalOrderChecks.agreement(histories).holds()).isFalse();
		}

		@Test
		void anOpItsOriginReportsOrderedButNobodyAppliedBreaksNoLoss() {
			History r1 = totalOrder("r1", WRITES, WRITES.subList(0, 2));
			History withOrdered = new History(r1.replica(), r1.applied(), r1.wal(), r1.entries(), r1.digest(), null,
					Map.of(op(4), 3L), true);
			History r2 = totalOrder("r2", WRITES, WRITES.subList(0, 2));

			PropertyCheck noLoss = TotalOrderChecks.noLoss(List.of(withOrdered, r2), List.of(), true);

			assertThat(noLoss.holds()).isFalse();
			assertThat(noLoss.counterexample().opIds()).containsExactly(op(4));
			assertThat(noLoss.counterexample().explanation()).contains("r1 reports it ordered at offset 3");
		}

		@Test
		void noLossSaysWhenItWasJudgedWithoutQuiescence() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES));

			assertThat(TotalOrderChecks.noLoss(histories, List.of(), false).notes()).singleElement()
				.asString()
				.contains("without quiescence");
		}

		@Test
		void equalSequencesWithDifferentDigestsBreakEqualPrefixEqualState() {
			History r1 = totalOrder("r1", WRITES, WRITES);
			History r2 = totalOrder("r2", WRITES, WRITES);
			History corrupted = new History("r2", r2.applied(), r2.wal(),
					new java.util.TreeMap<>(Map.of("color", List.of("red"), "size", List.of("XL"))), "0badc0ffee", null,
					Map.of(), true);

			PropertyCheck check = TotalOrderChecks.equalPrefixEqualState(List.of(r1, corrupted));

			assertThat(check.holds()).isFalse();
			assertThat(check.counterexample().replicas()).containsExactly("r1", "r2");
			assertThat(check.counterexample().keys()).containsOnlyKeys("size");
		}

		@Test
		void differentLengthsAreNotComparedAndSaySo() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES),
					totalOrder("r2", WRITES, WRITES.subList(0, 3)));

			PropertyCheck check = TotalOrderChecks.equalPrefixEqualState(histories);

			assertThat(check.holds()).isTrue();
			assertThat(check.notes()).anySatisfy((note) -> assertThat(note).contains("not comparable"));
		}

	}

	@Nested
	class Reconcile {

		final WalRow blue = reconcileWrite(1, "r1", "color", "blue", "r1:1", null);

		final WalRow red = reconcileWrite(2, "r2", "color", "red", "r2:1", null);

		@Test
		void equalVectorsAndDigestsConverge() {
			List<History> histories = List.of(
					reconcile("r1", List.of(blue, red), Map.of("color", List.of("blue", "red")), "r1:1,r2:1",
							List.of()),
					reconcile("r2", List.of(red, blue), Map.of("color", List.of("blue", "red")), "r2:1,r1:1",
							List.of()));

			List<PropertyCheck> checks = Verifier.verify(Mode.RECONCILE, histories, List.of(), true);

			assertThat(checks).extracting(PropertyCheck::property).containsExactly("convergence", "no-lost-write");
			assertThat(checks).allSatisfy((check) -> assertThat(check.holds()).as(check.property()).isTrue());
		}

		@Test
		void differentStatesBreakConvergenceNamingReplicasAndKeys() {
			List<History> histories = List.of(
					reconcile("r1", List.of(blue), Map.of("color", List.of("blue")), "r1:1", List.of()),
					reconcile("r2", List.of(red), Map.of("color", List.of("red")), "r2:1", List.of()),
					reconcile("r3", List.of(red), Map.of("color", List.of("red")), "r2:1", List.of()));

			PropertyCheck convergence = ReconcileChecks.convergence(histories, List.of(), true);

			assertThat(convergence.holds()).isFalse();
			assertThat(convergence.counterexample().replicas()).containsExactly("r1", "r2", "r3");
			assertThat(convergence.counterexample().keys()).containsOnlyKeys("color");
			assertThat(convergence.counterexample().keys().get("color")).containsEntry("r1", List.of("blue"))
				.containsEntry("r2", List.of("red"));
			assertThat(convergence.counterexample().explanation()).contains("2 different states")
				.contains("r2, r3 with vector [r2:1]");
		}

		@Test
		void aWriteLiveNowhereAndNotSupersededIsLost() {
			List<AppliedRow> appliedR1 = List.of(new AppliedRow(1, op(1), "r1", "color", Outcome.APPLIED),
					new AppliedRow(2, op(2), "r2", "color", Outcome.APPLIED));
			List<History> histories = List.of(
					reconcile("r1", List.of(blue, red), Map.of("color", List.of("red")), "r1:1,r2:1", appliedR1),
					reconcile("r2", List.of(red, blue), Map.of("color", List.of("red")), "r1:1,r2:1", List.of()));

			PropertyCheck noLostWrite = ReconcileChecks.noLostWrite(histories);

			assertThat(noLostWrite.holds()).isFalse();
			assertThat(noLostWrite.counterexample().opIds()).containsExactly(op(1));
			assertThat(noLostWrite.counterexample().replicas()).containsExactly("r1");
			assertThat(noLostWrite.counterexample().positions()).containsEntry("r1", List.of(1L));
			assertThat(noLostWrite.counterexample().explanation()).contains("dot r1:1").contains("'blue'");
		}

		@Test
		void aWriteWhoseDotALaterContextCoversIsSuperseded() {
			WalRow redAfterBlue = reconcileWrite(2, "r2", "color", "red", "r2:1", "r1:1");
			List<History> histories = List.of(reconcile("r1", List.of(blue, redAfterBlue),
					Map.of("color", List.of("red")), "r1:1,r2:1", List.of()));

			assertThat(ReconcileChecks.noLostWrite(histories).holds()).isTrue();
		}

		@Test
		void oneOpIdRetriedOnTwoReplicasIsOneWriteThatAWriteSeeingEitherDotSupersedes() {
			WalRow retried = new WalRow(2, op(1), "r2", Source.CLIENT, "color", "blue", null, "r2:1", "");
			WalRow green = reconcileWrite(3, "r2", "color", "green", "r2:2", "r2:1");
			List<History> histories = List.of(
					reconcile("r1", List.of(blue, retried, green), Map.of("color", List.of("green")), "r1:1,r2:2",
							List.of()),
					reconcile("r2", List.of(retried, green, blue), Map.of("color", List.of("green")), "r1:1,r2:2",
							List.of()));

			assertThat(ReconcileChecks.noLostWrite(histories).holds()).isTrue();
		}

		@Test
		void aWriteDiscardedByLastWriterWinsIsNotLost() {
			List<AppliedRow> applied = List.of(new AppliedRow(1, op(2), "r2", "color", Outcome.APPLIED),
					new AppliedRow(2, op(1), "r1", "color", Outcome.DISCARDED));
			List<History> histories = List
				.of(reconcile("r1", List.of(blue, red), Map.of("color", List.of("red")), "r1:1,r2:1", applied));

			assertThat(ReconcileChecks.noLostWrite(histories).holds()).isTrue();
		}

		@Test
		void aDeleteIsLiveWhereItsKeyIsAbsentAndLostWhereAnOlderValueSurvives() {
			WalRow delete = reconcileWrite(2, "r1", "color", null, "r1:2", "r1:1");
			List<History> absent = List.of(reconcile("r1", List.of(blue, delete), Map.of(), "r1:2", List.of()));
			List<History> survived = List
				.of(reconcile("r1", List.of(blue, delete), Map.of("color", List.of("blue")), "r1:2", List.of()));

			assertThat(ReconcileChecks.noLostWrite(absent).holds()).isTrue();
			PropertyCheck lost = ReconcileChecks.noLostWrite(survived);
			assertThat(lost.holds()).isFalse();
			assertThat(lost.counterexample().opIds()).containsExactly(op(2));
		}

	}

	@Nested
	class Local {

		@Test
		void divergenceIsExpectedAndShown() {
			List<History> histories = List.of(
					reconcile("r1", List.of(), Map.of("color", List.of("blue"), "size", List.of("L")), null, List.of()),
					reconcile("r2", List.of(), Map.of("color", List.of("red"), "size", List.of("L")), null, List.of()));

			List<PropertyCheck> checks = Verifier.verify(Mode.LOCAL, histories, List.of(), false);

			assertThat(checks).first().satisfies((check) -> {
				assertThat(check.property()).isEqualTo("expected-divergence");
				assertThat(check.holds()).isTrue();
				assertThat(check.observed().keys()).containsOnlyKeys("color");
				assertThat(check.observed().explanation()).contains("2 different states");
			});
			// these states come from no WAL row at all: a replay of the (empty) WALs does
			// not give them
			assertThat(checks.get(1).property()).isEqualTo("state-matches-wal");
			assertThat(checks.get(1).fails()).isTrue();
		}

	}

	/**
	 * Issue 5's "done when", through the whole verifier as the endpoint runs it: a
	 * reordered pair, a duplicate, a fabricated op and a missing op each make the
	 * matching property fail, with a counterexample naming the op.
	 */
	@Nested
	class EachBrokenHistoryFailsItsProperty {

		@Test
		void aReorderedPairFailsAgreement() {
			List<Histories.Write> reordered = List.of(WRITES.get(1), WRITES.get(0), WRITES.get(2), WRITES.get(3));

			assertFailsNaming(List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, reordered)),
					"agreement", op(1));
		}

		@Test
		void aDuplicateFailsIntegrity() {
			List<AppliedRow> twice = List.of(new AppliedRow(1, op(1), "r1", "color", Outcome.APPLIED),
					new AppliedRow(2, op(1), "r1", "color", Outcome.APPLIED));
			History r1 = Histories.withApplied("r1", WRITES, WRITES.subList(0, 1), twice);

			assertFailsNaming(List.of(r1, totalOrder("r2", WRITES, WRITES.subList(0, 1))), "integrity", op(1));
		}

		@Test
		void aFabricatedOpFailsNoFabrication() {
			List<Histories.Write> applied = List.of(WRITES.get(0), write(9, "r2", "color", "green"));

			assertFailsNaming(List.of(totalOrder("r1", WRITES, applied), totalOrder("r2", WRITES, applied)),
					"no-fabrication", op(9));
		}

		@Test
		void aMissingOpFailsNoLoss() {
			List<Histories.Write> withoutThird = List.of(WRITES.get(0), WRITES.get(1), WRITES.get(3));

			assertFailsNaming(List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, withoutThird)),
					"no-loss", op(3));
		}

		private void assertFailsNaming(List<History> histories, String property, UUID opId) {
			List<PropertyCheck> checks = Verifier.verify(Mode.TOTAL_ORDER, histories, List.of(), true);

			PropertyCheck check = checks.stream()
				.filter((candidate) -> candidate.property().equals(property))
				.findFirst()
				.orElseThrow();
			assertThat(check.holds()).as(property).isFalse();
			assertThat(check.counterexample().explanation()).contains(opId.toString());
			assertThat(check.counterexample().opIds()).contains(opId);
			assertThat(check.counterexample().replicas()).isNotEmpty();
		}

	}

	@Test
	void aFailedPropertyReadsAsJsonWithItsCounterexample() {
		List<Histories.Write> reordered = List.of(WRITES.get(1), WRITES.get(0));
		PropertyCheck agreement = TotalOrderChecks
			.agreement(List.of(totalOrder("r1", WRITES, WRITES.subList(0, 2)), totalOrder("r2", WRITES, reordered)));

		String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(agreement);

		assertThat(json).contains("\"property\":\"agreement\"")
			.contains("\"holds\":false")
			.contains("\"counterexample\":{\"explanation\":")
			.contains("\"positions\":{\"r1\":[1],\"r2\":[1]}")
			.doesNotContain("\"observed\"")
			.doesNotContain("\"notes\"");
	}

	@Nested
	class ClusterViewDivergence {

		@Test
		void totalOrderReportsTheCommonPrefixAndTheConflict() {
			List<Histories.Write> reordered = List.of(WRITES.get(0), WRITES.get(2), WRITES.get(1));
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES), totalOrder("r2", WRITES, reordered));

			ClusterView.Divergence divergence = Divergences.of(Mode.TOTAL_ORDER, List.of(), histories);

			assertThat(divergence.appliedPrefix().length()).isEqualTo(1);
			assertThat(divergence.appliedPrefix().firstDifference()).isEqualTo(2);
			assertThat(divergence.appliedPrefix().atFirstDifference()).containsEntry("r1", op(2) + "@2")
				.containsEntry("r2", op(3) + "@2");
			assertThat(divergence.behind()).containsEntry("r1", 0).containsEntry("r2", 1);
			assertThat(Divergences.diverged(Mode.TOTAL_ORDER, divergence, histories)).isTrue();
			assertThat(divergence.summary()).startsWith("Applied orders conflict");
		}

		@Test
		void totalOrderReplicaBehindIsNotDivergence() {
			List<History> histories = List.of(totalOrder("r1", WRITES, WRITES),
					totalOrder("r2", WRITES, WRITES.subList(0, 3)));

			ClusterView.Divergence divergence = Divergences.of(Mode.TOTAL_ORDER, List.of(), histories);

			assertThat(Divergences.diverged(Mode.TOTAL_ORDER, divergence, histories)).isFalse();
			assertThat(divergence.behind()).containsEntry("r2", 1);
		}

	}

}
