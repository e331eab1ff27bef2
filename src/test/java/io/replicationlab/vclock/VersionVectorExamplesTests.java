package io.replicationlab.vclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How version vectors are used, one scenario per test: read these first.
 */
class VersionVectorExamplesTests {

	private static VersionVector vv(String text) {
		return VersionVector.parse(text);
	}

	@Test
	void an_empty_vector_has_seen_nothing() {
		VersionVector empty = VersionVector.empty();

		assertThat(empty.get("r1")).isZero();
		assertThat(empty.isEmpty()).isTrue();
		assertThat(empty.entries()).isEmpty();
		assertThat(empty).hasToString("");
		assertThat(empty.nextDot("r1")).isEqualTo(new Dot("r1", 1));
	}

	@Test
	void a_replica_numbers_its_writes_with_dots() {
		VersionVector r1 = VersionVector.empty();

		Dot first = r1.nextDot("r1");
		r1 = r1.advance(first);
		Dot second = r1.nextDot("r1");
		r1 = r1.advance(second);

		assertThat(first).hasToString("r1:1");
		assertThat(second).hasToString("r1:2");
		assertThat(r1).hasToString("r1:2").isEqualTo(VersionVector.empty().increment("r1").increment("r1"));
		assertThat(r1.covers(first)).isTrue();
		assertThat(r1.covers(second)).isTrue();
		assertThat(r1.covers(new Dot("r1", 3))).isFalse();
		assertThat(r1.covers(new Dot("r2", 1))).isFalse();
	}

	@Test
	void two_replicas_writing_concurrently_are_concurrent_until_merged() {
		VersionVector base = vv("r1:1");
		VersionVector atR1 = base.increment("r1"); // r1 writes without hearing from r2
		VersionVector atR2 = base.increment("r2"); // r2 writes without hearing from r1

		assertThat(atR1).hasToString("r1:2");
		assertThat(atR2).hasToString("r1:1,r2:1");
		assertThat(atR1.concurrent(atR2)).isTrue();
		assertThat(atR2.concurrent(atR1)).isTrue();
		assertThat(atR1.descends(atR2)).isFalse();
		assertThat(atR2.descends(atR1)).isFalse();
		assertThat(atR1.compare(atR2)).isEqualTo(Causality.CONCURRENT);

		VersionVector healed = atR1.merge(atR2);

		assertThat(healed).hasToString("r1:2,r2:1");
		assertThat(healed.dominates(atR1)).isTrue();
		assertThat(healed.dominates(atR2)).isTrue();
		assertThat(healed.compare(atR1)).isEqualTo(Causality.AFTER);
		assertThat(atR2.compare(healed)).isEqualTo(Causality.BEFORE);
	}

	@Test
	void a_write_that_read_first_descends_what_it_read() {
		VersionVector read = vv("r1:2,r2:1");
		VersionVector write = read.increment("r3");

		assertThat(write.descends(read)).isTrue();
		assertThat(write.dominates(read)).isTrue();
		assertThat(read.descends(write)).isFalse();
		assertThat(write.compare(read)).isEqualTo(Causality.AFTER);
		assertThat(read.compare(write)).isEqualTo(Causality.BEFORE);
		assertThat(write.concurrent(read)).isFalse();
	}

	@Test
	void every_vector_descends_itself_and_the_empty_vector_but_dominates_neither() {
		VersionVector v = vv("r1:2,r2:1");

		assertThat(v.descends(v)).isTrue();
		assertThat(v.dominates(v)).isFalse();
		assertThat(v.compare(vv("r2:1,r1:2"))).isEqualTo(Causality.EQUAL);
		assertThat(v.descends(VersionVector.empty())).isTrue();
		assertThat(VersionVector.empty().compare(v)).isEqualTo(Causality.BEFORE);
	}

	@Test
	void merge_is_the_pointwise_maximum() {
		assertThat(vv("r1:3,r2:1").merge(vv("r2:4,r3:2"))).hasToString("r1:3,r2:4,r3:2");
		assertThat(VersionVector.mergeAll(List.of(vv("r1:1"), vv("r2:2"), vv("r1:3")))).hasToString("r1:3,r2:2");
		assertThat(VersionVector.mergeAll(List.of())).isEqualTo(VersionVector.empty());
	}

	@Test
	void advance_accepts_the_next_dot_and_ignores_a_seen_one() {
		VersionVector v = vv("r1:3");

		assertThat(v.advance(new Dot("r1", 4))).hasToString("r1:4");
		assertThat(v.advance(new Dot("r2", 1))).hasToString("r1:3,r2:1");
		assertThat(v.advance(new Dot("r1", 2))).isSameAs(v);
		assertThat(v.advance(new Dot("r1", 3))).isSameAs(v);
	}

	@Test
	void advance_with_a_gap_is_refused() {
		assertThatIllegalStateException().isThrownBy(() -> vv("r1:3").advance(new Dot("r1", 5)))
			.withMessage("r1:3 -> r1:5 would leave a gap");
		assertThatIllegalStateException().isThrownBy(() -> vv("r1:3").advance(new Dot("r2", 2)))
			.withMessage("r2:0 -> r2:2 would leave a gap");
	}

	@Test
	void a_delta_exchange_ships_what_the_peer_lacks() {
		VersionVector mine = vv("r1:5,r2:2,r3:1");
		VersionVector peers = vv("r1:3,r2:4");

		List<DotRange> toShip = mine.missingFrom(peers);

		assertThat(toShip).containsExactly(new DotRange("r1", 3, 5), new DotRange("r3", 0, 1));
		assertThat(toShip).extracting(DotRange::toString).containsExactly("r1:(3..5]", "r3:(0..1]");
		assertThat(mine.countMissingFrom(peers)).isEqualTo(3);
		assertThat(toShip.get(0).first()).isEqualTo(new Dot("r1", 4));
		assertThat(toShip.get(0).last()).isEqualTo(new Dot("r1", 5));
		assertThat(toShip.get(0).contains(new Dot("r1", 3))).isFalse();

		VersionVector caughtUp = peers;
		for (DotRange range : toShip) {
			for (long c = range.afterCounter() + 1; c <= range.upToCounter(); c++) {
				caughtUp = caughtUp.advance(new Dot(range.replica(), c));
			}
		}
		assertThat(caughtUp).isEqualTo(mine.merge(peers)).hasToString("r1:5,r2:4,r3:1");
		assertThat(mine.missingFrom(caughtUp)).isEmpty();
		assertThat(mine.countMissingFrom(caughtUp)).isZero();
	}

	@Test
	void text_form_round_trips_and_sorts_by_replica() {
		VersionVector v = VersionVector.of(Map.of("r2", 5L, "r1", 3L, "r3", 0L));

		assertThat(v).hasToString("r1:3,r2:5");
		assertThat(v.replicas()).containsExactly("r1", "r2");
		assertThat(VersionVector.parse("r1:3,r2:5")).isEqualTo(v).hasSameHashCodeAs(v);
		assertThat(VersionVector.parse("r2:5,r1:3")).isEqualTo(v);
		assertThat(VersionVector.parse("r1:3,r2:5,r3:0")).isEqualTo(v);
		assertThat(VersionVector.parse("")).isEqualTo(VersionVector.empty());
		assertThat(VersionVector.parse("   ")).isEqualTo(VersionVector.empty());
		assertThat(VersionVector.parse(null)).isEqualTo(VersionVector.empty());
	}

	@Test
	void parse_errors_name_the_problem() {
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:3, r2:5"))
			.withMessage("whitespace in version vector 'r1:3, r2:5'");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:3,,r2:5"))
			.withMessage("bad entry '' in version vector 'r1:3,,r2:5': expected replica:counter");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:3,"))
			.withMessage("bad entry '' in version vector 'r1:3,': expected replica:counter");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1"))
			.withMessage("bad entry 'r1' in version vector 'r1': expected replica:counter");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:2:3"))
			.withMessageStartingWith("bad entry 'r1:2:3'");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:3,r1:4"))
			.withMessage("duplicate replica 'r1' in version vector 'r1:3,r1:4'");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:-1")).withMessage("negative counter in 'r1:-1'");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r1:abc"))
			.withMessage("non-numeric counter in 'r1:abc'");
		assertThatIllegalArgumentException().isThrownBy(() -> vv("r*1:3"))
			.withMessageStartingWith("bad replica id 'r*1'");
	}

	@Test
	void of_validates_and_copies_its_input() {
		Map<String, Long> counters = new HashMap<>(Map.of("r1", 2L));
		VersionVector v = VersionVector.of(counters);
		counters.put("r1", 9L);

		assertThat(v.get("r1")).isEqualTo(2);
		assertThat(VersionVector.of(Map.of("r1", 0L))).isSameAs(VersionVector.empty());
		assertThatIllegalArgumentException().isThrownBy(() -> VersionVector.of(Map.of("r1", -1L)))
			.withMessage("negative or null counter for replica r1: -1");
		assertThatIllegalArgumentException().isThrownBy(() -> VersionVector.of(Map.of("r 1", 1L)))
			.withMessageStartingWith("bad replica id 'r 1'");
	}

	@Test
	void views_are_read_only() {
		VersionVector v = vv("r1:1");

		assertThatThrownBy(() -> v.entries().put("r2", 1L)).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> v.replicas().add("r2")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void counters_cannot_overflow() {
		VersionVector full = VersionVector.of(Map.of("r1", Long.MAX_VALUE, "r2", Long.MAX_VALUE));

		assertThatIllegalStateException().isThrownBy(() -> full.increment("r1"))
			.withMessage("r1:9223372036854775807 -> counter overflow");
		assertThat(full.countMissingFrom(VersionVector.empty())).isEqualTo(Long.MAX_VALUE);
	}

}
