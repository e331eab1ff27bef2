package io.replicationlab.vclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The algebra of version vectors, checked on random vectors over a small alphabet (replicas r1..r4,
 * counters 0..6) so that equal, ordered and concurrent pairs all occur often; and agreement with a
 * plain {@code Map<String, Long>} model where absent means 0.
 */
class VersionVectorPropertiesTests {

    private static final String[] REPLICAS = {"r1", "r2", "r3", "r4"};

    @Provide
    Arbitrary<Map<String, Long>> models() {
        return Arbitraries.maps(Arbitraries.of(REPLICAS), Arbitraries.longs().between(0, 6))
                .ofMaxSize(REPLICAS.length);
    }

    @Provide
    Arbitrary<VersionVector> vectors() {
        return models().map(VersionVector::of);
    }

    @Provide
    Arbitrary<Dot> dots() {
        return Arbitraries.of(REPLICAS).flatMap(
                replica -> Arbitraries.longs().between(1, 8).map(counter -> new Dot(replica, counter)));
    }

    // ---- merge is a least upper bound -------------------------------------------------------

    @Property
    void merge_is_commutative(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property
    void merge_is_associative(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b,
                              @ForAll("vectors") VersionVector c) {
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property
    void merge_is_idempotent(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.merge(a)).isEqualTo(a);
        assertThat(a.merge(b).merge(b)).isEqualTo(a.merge(b));
    }

    @Property
    void merge_descends_both_inputs(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        VersionVector m = a.merge(b);
        assertThat(m.descends(a)).isTrue();
        assertThat(m.descends(b)).isTrue();
    }

    /** Least: a vector descends both inputs exactly when it descends their merge. */
    @Property
    void merge_is_the_least_vector_descending_both(@ForAll("vectors") VersionVector a,
                                                   @ForAll("vectors") VersionVector b,
                                                   @ForAll("vectors") VersionVector c) {
        assertThat(c.descends(a.merge(b))).isEqualTo(c.descends(a) && c.descends(b));
    }

    @Property
    void an_upper_bound_built_from_both_descends_the_merge(@ForAll("vectors") VersionVector a,
                                                           @ForAll("vectors") VersionVector b,
                                                           @ForAll("vectors") VersionVector extra) {
        VersionVector upper = b.merge(extra).merge(a);
        assertThat(upper.descends(a.merge(b))).isTrue();
    }

    @Property
    void merge_with_a_descendant_is_the_descendant(@ForAll("vectors") VersionVector a,
                                                   @ForAll("vectors") VersionVector b) {
        Assume.that(a.descends(b));
        assertThat(a.merge(b)).isEqualTo(a);
    }

    // ---- descends is a partial order; compare names it -------------------------------------

    @Property
    void descends_is_reflexive(@ForAll("vectors") VersionVector a) {
        assertThat(a.descends(a)).isTrue();
        assertThat(a.descends(VersionVector.empty())).isTrue();
        assertThat(a.dominates(a)).isFalse();
    }

    @Property
    void descends_is_antisymmetric(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        if (a.descends(b) && b.descends(a)) {
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        }
        // and from equal inputs built independently: a copy descends both ways and is equal
        VersionVector copy = VersionVector.of(a.entries());
        assertThat(copy.descends(a) && a.descends(copy)).isTrue();
        assertThat(copy).isEqualTo(a);
    }

    @Property
    void descends_is_transitive(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b,
                                @ForAll("vectors") VersionVector c) {
        if (a.descends(b) && b.descends(c)) {
            assertThat(a.descends(c)).isTrue();
        }
        // a chain built by construction: a.merge(b).merge(c) >= b.merge(c) >= c
        VersionVector top = a.merge(b).merge(c);
        VersionVector mid = b.merge(c);
        assertThat(top.descends(mid) && mid.descends(c) && top.descends(c)).isTrue();
    }

    @Property
    void compare_is_consistent_with_descends(@ForAll("vectors") VersionVector a,
                                             @ForAll("vectors") VersionVector b) {
        Causality expected;
        if (a.descends(b) && b.descends(a)) {
            expected = Causality.EQUAL;
        } else if (a.descends(b)) {
            expected = Causality.AFTER;
        } else if (b.descends(a)) {
            expected = Causality.BEFORE;
        } else {
            expected = Causality.CONCURRENT;
        }
        assertThat(a.compare(b)).isEqualTo(expected);
        assertThat(b.compare(a)).isEqualTo(expected.reversed());
        assertThat(a.compare(b) == Causality.EQUAL).isEqualTo(a.equals(b));
        assertThat(a.dominates(b)).isEqualTo(expected == Causality.AFTER);
        assertThat(a.concurrent(b)).isEqualTo(expected == Causality.CONCURRENT);
    }

    @Property
    void concurrent_is_symmetric(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.concurrent(b)).isEqualTo(b.concurrent(a));
    }

    // ---- text form -------------------------------------------------------------------------

    @Property
    void text_form_round_trips(@ForAll("vectors") VersionVector a) {
        String text = a.toString();
        assertThat(VersionVector.parse(text)).isEqualTo(a);
        assertThat(text).doesNotContain(" ").doesNotContain(":0");
    }

    // ---- agreement with a plain map model --------------------------------------------------

    private static long at(Map<String, Long> model, String replica) {
        return model.getOrDefault(replica, 0L);
    }

    private static TreeSet<String> keys(Map<String, Long> a, Map<String, Long> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    @Property
    void get_entries_and_text_agree_with_the_model(@ForAll("models") Map<String, Long> model) {
        VersionVector v = VersionVector.of(model);
        for (String replica : REPLICAS) {
            assertThat(v.get(replica)).isEqualTo(at(model, replica));
        }
        Map<String, Long> nonZero = new HashMap<>(model);
        nonZero.values().removeIf(c -> c == 0);
        assertThat(v.entries()).isEqualTo(nonZero);
        assertThat(v.replicas()).containsExactlyElementsOf(new TreeSet<>(nonZero.keySet()));
        assertThat(v.isEmpty()).isEqualTo(nonZero.isEmpty());
    }

    @Property
    void merge_agrees_with_the_model(@ForAll("models") Map<String, Long> a, @ForAll("models") Map<String, Long> b) {
        Map<String, Long> max = new HashMap<>();
        for (String replica : keys(a, b)) {
            max.put(replica, Math.max(at(a, replica), at(b, replica)));
        }
        assertThat(VersionVector.of(a).merge(VersionVector.of(b))).isEqualTo(VersionVector.of(max));
    }

    @Property
    void descends_agrees_with_the_model(@ForAll("models") Map<String, Long> a, @ForAll("models") Map<String, Long> b) {
        boolean expected = keys(a, b).stream().allMatch(r -> at(a, r) >= at(b, r));
        assertThat(VersionVector.of(a).descends(VersionVector.of(b))).isEqualTo(expected);
    }

    @Property
    void covers_agrees_with_the_model(@ForAll("models") Map<String, Long> model, @ForAll("dots") Dot dot) {
        assertThat(VersionVector.of(model).covers(dot)).isEqualTo(dot.counter() <= at(model, dot.replica()));
    }

    @Property
    void advance_agrees_with_the_model(@ForAll("models") Map<String, Long> model, @ForAll("dots") Dot dot) {
        VersionVector v = VersionVector.of(model);
        long seen = at(model, dot.replica());
        if (dot.counter() <= seen) {
            assertThat(v.advance(dot)).isSameAs(v);
        } else if (dot.counter() == seen + 1) {
            Map<String, Long> next = new HashMap<>(model);
            next.put(dot.replica(), dot.counter());
            assertThat(v.advance(dot)).isEqualTo(VersionVector.of(next));
            assertThat(v.advance(dot).covers(dot)).isTrue();
            assertThat(v.nextDot(dot.replica())).isEqualTo(dot);
            assertThat(v.increment(dot.replica())).isEqualTo(v.advance(dot));
        } else {
            assertThatIllegalStateException().isThrownBy(() -> v.advance(dot))
                    .withMessage(dot.replica() + ":" + seen + " -> " + dot + " would leave a gap");
        }
    }

    @Property
    void missing_dots_agree_with_the_model(@ForAll("models") Map<String, Long> a, @ForAll("models") Map<String, Long> b) {
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
    }
}
