package io.replicationlab.vclock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DotTests {

	@Test
	void text_form_is_replica_colon_counter() {
		Dot dot = new Dot("r1", 7);

		assertThat(dot).hasToString("r1:7");
		assertThat(Dot.parse("r1:7")).isEqualTo(dot);
		assertThat(Dot.parse("node-2.eu_west:42")).isEqualTo(new Dot("node-2.eu_west", 42));
	}

	@Test
	void replica_ids_may_be_up_to_64_characters() {
		String longest = "a".repeat(64);

		assertThat(new Dot(longest, 1).replica()).isEqualTo(longest);
		assertThatIllegalArgumentException().isThrownBy(() -> new Dot(longest + "a", 1))
			.withMessageContaining("bad replica id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "r 1", "r:1", "r,1", "r/1", "é", "r1~", "~5c1e", "r1~5C1E", "r1~a~b",
			"r1~0123456789abcdef" })
	void bad_replica_ids_are_refused(String replica) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Dot(replica, 1))
			.withMessageContaining("bad replica id '" + replica + "'");
	}

	@Test
	void a_replica_id_may_name_the_incarnation_of_its_data_directory() {
		Dot dot = Dot.parse("r1~5c1e0b7a:7");

		assertThat(dot.replica()).isEqualTo("r1~5c1e0b7a");
		assertThat(dot).hasToString("r1~5c1e0b7a:7");
		assertThat(new Dot("a".repeat(64) + "~" + "0".repeat(15), 1).counter()).isEqualTo(1);
	}

	@Test
	void null_replica_is_refused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Dot(null, 1))
			.withMessage("replica id must not be null");
	}

	@Test
	void counters_start_at_one() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Dot("r1", 0))
			.withMessage("counter must be >= 1 in dot r1:0");
		assertThatIllegalArgumentException().isThrownBy(() -> new Dot("r1", -3))
			.withMessage("counter must be >= 1 in dot r1:-3");
	}

	@Test
	void parse_names_the_problem() {
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse(null)).withMessage("dot must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1"))
			.withMessage("bad dot 'r1': expected replica:counter, e.g. r1:7");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:2:3"))
			.withMessageStartingWith("bad dot 'r1:2:3'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse(":3"))
			.withMessageContaining("bad replica id ''");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:"))
			.withMessage("non-numeric counter in 'r1:'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:x"))
			.withMessage("non-numeric counter in 'r1:x'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:+3"))
			.withMessage("non-numeric counter in 'r1:+3'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:-3"))
			.withMessage("negative counter in 'r1:-3'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:0"))
			.withMessage("counter must be >= 1 in dot r1:0");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse("r1:99999999999999999999"))
			.withMessage("counter out of range in 'r1:99999999999999999999'");
		assertThatIllegalArgumentException().isThrownBy(() -> Dot.parse(" r1:3"))
			.withMessageContaining("bad replica id ' r1'");
	}

	@Test
	void largest_counter_round_trips_and_cannot_advance() {
		Dot last = new Dot("r1", Long.MAX_VALUE);

		assertThat(Dot.parse(last.toString())).isEqualTo(last);
		assertThatIllegalStateException().isThrownBy(last::next)
			.withMessage("r1:9223372036854775807 -> counter overflow");
	}

	@Test
	void next_is_the_following_dot_of_the_same_replica() {
		assertThat(new Dot("r1", 7).next()).isEqualTo(new Dot("r1", 8));
	}

	@Test
	void order_is_by_replica_then_counter() {
		List<Dot> dots = new ArrayList<>(
				List.of(Dot.parse("r2:1"), Dot.parse("r1:10"), Dot.parse("r1:2"), Dot.parse("r10:1")));
		Collections.sort(dots);

		assertThat(dots).extracting(Dot::toString).containsExactly("r1:2", "r1:10", "r10:1", "r2:1");
	}

}
