package io.replicationlab.vclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The algebra of version vectors, checked on generated vectors over a small alphabet
 * (replicas r1..r3 and two incarnation-suffixed ids, counters 0..6) so that equal,
 * ordered and concurrent pairs all occur often; and agreement with a plain
 * {@code Map<String, Long>} model where absent means 0. Each law runs {@link Cases#COUNT}
 * cases; a failure names the seed that reproduces it ({@code -Dproperty.seed=}).
 */
class VersionVectorPropertiesTests {

	// ---- merge is a least upper bound
	// -------------------------------------------------------

	@Test
	void merge_is_commutative() {
		Cases.forAll("merge_is_commutative", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			assertThat(a.merge(b)).isEqualTo(b.merge(a));
		});
	}

	@Test
	void merge_is_associative() {
		Cases.forAll("merge_is_associative", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			VersionVector c = gen.vector();
			assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
		});
	}

	@Test
	void merge_is_idempotent() {
		Cases.forAll("merge_is_idempotent", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			assertThat(a.merge(a)).isEqualTo(a);
			assertThat(a.merge(b).merge(b)).isEqualTo(a.merge(b));
		});
	}

	@Test
	void merge_descends_both_inputs() {
		Cases.forAll("merge_descends_both_inputs", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			VersionVector m = a.merge(b);
			assertThat(m.descends(a)).isTrue();
			assertThat(m.descends(b)).isTrue();
		});
	}

	/**
	 * Least: a vector descends both inputs exactly when it descends their merge. Half of
	 * the third vectors are drawn next to the pointwise maximum of the inputs (built from
	 * the models, not through merge), where the law bites.
	 */
	@Test
	void merge_is_the_least_vector_descending_both() {
		Cases.forAll("merge_is_the_least_vector_descending_both", gen -> {
			Map<String, Long> ma = gen.model();
			Map<String, Long> mb = gen.model();
			VersionVector a = VersionVector.of(ma);
			VersionVector b = VersionVector.of(mb);
			VersionVector c = VersionVector.of(gen.nearMaximum(ma, mb));
			assertThat(c.descends(a.merge(b))).isEqualTo(c.descends(a) && c.descends(b));
		});
	}

	@Test
	void an_upper_bound_built_from_both_descends_the_merge() {
		Cases.forAll("an_upper_bound_built_from_both_descends_the_merge", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			VersionVector extra = gen.vector();
			VersionVector upper = b.merge(extra).merge(a);
			assertThat(upper.descends(a.merge(b))).isTrue();
		});
	}

	/**
	 * The descendant is built pointwise below {@code a}'s model, not through merge, so a
	 * broken merge cannot hide.
	 */
	@Test
	void merge_with_a_descendant_is_the_descendant() {
		Cases.forAll("merge_with_a_descendant_is_the_descendant", gen -> {
			Map<String, Long> model = gen.model();
			VersionVector a = VersionVector.of(model);
			VersionVector b = VersionVector.of(gen.below(model));
			assertThat(a.descends(b)).isTrue();
			assertThat(a.merge(b)).isEqualTo(a);
			assertThat(b.merge(a)).isEqualTo(a);
		});
	}

	// ---- descends is a partial order; compare names it
	// -------------------------------------

	@Test
	void descends_is_reflexive() {
		Cases.forAll("descends_is_reflexive", gen -> {
			VersionVector a = gen.vector();
			assertThat(a.descends(a)).isTrue();
			assertThat(a.descends(VersionVector.empty())).isTrue();
			assertThat(a.dominates(a)).isFalse();
		});
	}

	@Test
	void descends_is_antisymmetric() {
		Cases.forAll("descends_is_antisymmetric", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			if (a.descends(b) && b.descends(a)) {
				assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
			}
			// and from equal inputs built independently: a copy descends both ways and is
			// equal
			VersionVector copy = VersionVector.of(a.entries());
			assertThat(copy.descends(a) && a.descends(copy)).isTrue();
			assertThat(copy).isEqualTo(a);
		});
	}

	@Test
	void descends_is_transitive() {
		Cases.forAll("descends_is_transitive", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			VersionVector c = gen.vector();
			if (a.descends(b) && b.descends(c)) {
				assertThat(a.descends(c)).isTrue();
			}
			// a chain built by construction: a.merge(b).merge(c) >= b.merge(c) >= c
			VersionVector top = a.merge(b).merge(c);
			VersionVector mid = b.merge(c);
			assertThat(top.descends(mid) && mid.descends(c) && top.descends(c)).isTrue();
		});
	}

	@Test
	void compare_is_consistent_with_descends() {
		Cases.forAll("compare_is_consistent_with_descends", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			Causality expected;
			if (a.descends(b) && b.descends(a)) {
				expected = Causality.EQUAL;
			}
			else if (a.descends(b)) {
				expected = Causality.AFTER;
			}
			else if (b.descends(a)) {
				expected = Causality.BEFORE;
			}
			else {
				expected = Causality.CONCURRENT;
			}
			assertThat(a.compare(b)).isEqualTo(expected);
			assertThat(b.compare(a)).isEqualTo(expected.reversed());
			assertThat(a.compare(b) == Causality.EQUAL).isEqualTo(a.equals(b));
			assertThat(a.dominates(b)).isEqualTo(expected == Causality.AFTER);
			assertThat(a.concurrent(b)).isEqualTo(expected == Causality.CONCURRENT);
		});
	}

	@Test
	void concurrent_is_symmetric() {
		Cases.forAll("concurrent_is_symmetric", gen -> {
			VersionVector a = gen.vector();
			VersionVector b = gen.vector();
			assertThat(a.concurrent(b)).isEqualTo(b.concurrent(a));
		});
	}

	// ---- text form
	// -------------------------------------------------------------------------

	@Test
	void text_form_round_trips() {
		Cases.forAll("text_form_round_trips", gen -> {
			VersionVector a = gen.vector();
			String text = a.toString();
			assertThat(VersionVector.parse(text)).isEqualTo(a);
			assertThat(text).doesNotContain(" ").doesNotContain(":0");
		});
	}

	/**
	 * Any valid replica id, with or without an incarnation suffix, and any counter
	 * survive the text forms.
	 */
	@Test
	void dot_text_form_round_trips() {
		Cases.forAll("dot_text_form_round_trips", gen -> {
			Dot dot = new Dot(gen.anyReplicaId(), gen.anyCounter());
			assertThat(Dot.parse(dot.toString())).isEqualTo(dot);
			VersionVector single = VersionVector.of(Map.of(dot.replica(), dot.counter()));
			assertThat(VersionVector.parse(single.toString())).isEqualTo(single);
			assertThat(single.covers(dot)).isTrue();
		});
	}

	// ---- agreement with a plain map model
	// --------------------------------------------------

	private static long at(Map<String, Long> model, String replica) {
		return model.getOrDefault(replica, 0L);
	}

	private static TreeSet<String> keys(Map<String, Long> a, Map<String, Long> b) {
		TreeSet<String> keys = new TreeSet<>(a.keySet());
		keys.addAll(b.keySet());
		return keys;
	}

	@Test
	void get_entries_and_text_agree_with_the_model() {
		Cases.forAll("get_entries_and_text_agree_with_the_model", gen -> {
			Map<String, Long> model = gen.model();
			VersionVector v = VersionVector.of(model);
			for (String replica : Cases.REPLICAS) {
				assertThat(v.get(replica)).isEqualTo(at(model, replica));
			}
			Map<String, Long> nonZero = new HashMap<>(model);
			nonZero.values().removeIf(c -> c == 0);
			assertThat(v.entries()).isEqualTo(nonZero);
			assertThat(v.replicas()).containsExactlyElementsOf(new TreeSet<>(nonZero.keySet()));
			assertThat(v.isEmpty()).isEqualTo(nonZero.isEmpty());
		});
	}

	@Test
	void merge_agrees_with_the_model() {
		Cases.forAll("merge_agrees_with_the_model", gen -> {
			Map<String, Long> a = gen.model();
			Map<String, Long> b = gen.model();
			Map<String, Long> max = new HashMap<>();
			for (String replica : keys(a, b)) {
				max.put(replica, Math.max(at(a, replica), at(b, replica)));
			}
			assertThat(VersionVector.of(a).merge(VersionVector.of(b))).isEqualTo(VersionVector.of(max));
		});
	}

	@Test
	void descends_agrees_with_the_model() {
		Cases.forAll("descends_agrees_with_the_model", gen -> {
			Map<String, Long> a = gen.model();
			Map<String, Long> b = gen.model();
			boolean expected = keys(a, b).stream().allMatch(r -> at(a, r) >= at(b, r));
			assertThat(VersionVector.of(a).descends(VersionVector.of(b))).isEqualTo(expected);
		});
	}

	@Test
	void covers_agrees_with_the_model() {
		Cases.forAll("covers_agrees_with_the_model", gen -> {
			Map<String, Long> model = gen.model();
			Dot dot = gen.dot();
			assertThat(VersionVector.of(model).covers(dot)).isEqualTo(dot.counter() <= at(model, dot.replica()));
		});
	}

	@Test
	void advance_agrees_with_the_model() {
		Cases.forAll("advance_agrees_with_the_model", gen -> {
			Map<String, Long> model = gen.model();
			Dot dot = gen.dot();
			VersionVector v = VersionVector.of(model);
			long seen = at(model, dot.replica());
			if (dot.counter() <= seen) {
				assertThat(v.advance(dot)).isSameAs(v);
			}
			else if (dot.counter() == seen + 1) {
				Map<String, Long> next = new HashMap<>(model);
				next.put(dot.replica(), dot.counter());
				assertThat(v.advance(dot)).isEqualTo(VersionVector.of(next));
				assertThat(v.advance(dot).covers(dot)).isTrue();
				assertThat(v.nextDot(dot.replica())).isEqualTo(dot);
				assertThat(v.increment(dot.replica())).isEqualTo(v.advance(dot));
			}
			else {
				assertThatIllegalStateException().isThrownBy(() -> v.advance(dot))
					.withMessage(dot.replica() + ":" + seen + " -> " + dot + " would leave a gap");
			}
		});
	}

	@Test
	void missing_dots_agree_with_the_model() {
		Cases.forAll("missing_dots_agree_with_the_model", gen -> {
			Map<String, Long> a = gen.model();
			Map<String, Long> b = gen.model();
			VersionVector mine = VersionVector.of(a);
			VersionVector theirs = VersionVector.of(b);
			long expected = keys(a, b).stream().mapToLong(r -> Math.max(0, at(a, r) - at(b, r))).sum();

			assertThat(mine.countMissingFrom(theirs)).isEqualTo(expected);
			assertThat(mine.missingFrom(theirs).stream().mapToLong(DotRange::count).sum()).isEqualTo(expected);
			assertThat(mine.missingFrom(theirs).isEmpty()).isEqualTo(theirs.descends(mine));

			VersionVector caughtUp = theirs;
			for (DotRange range : mine.missingFrom(theirs)) {
				for (long c = range.afterCounter() + 1; c <= range.upToCounter(); c++) {
					Dot dot = new Dot(range.replica(), c);
					assertThat(theirs.covers(dot)).isFalse();
					assertThat(mine.covers(dot)).isTrue();
					caughtUp = caughtUp.advance(dot);
				}
			}
			assertThat(caughtUp).isEqualTo(theirs.merge(mine));
		});
	}

}
