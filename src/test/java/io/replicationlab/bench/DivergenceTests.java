package io.replicationlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DivergenceTests {

	private final List<String> asked = new ArrayList<>();

	@Test
	void convergedOnlyWhenEveryReplicaAnswersTheSame() {
		assertThat(Divergence.allEqual(List.of("r1", "r2", "r3"), answers(Map.of("r1", "a", "r2", "a", "r3", "a"))))
			.isTrue();
		assertThat(Divergence.allEqual(List.of("r1", "r2", "r3"), answers(Map.of("r1", "a", "r2", "a", "r3", "b"))))
			.isFalse();
	}

	@Test
	void aPollStopsAtTheFirstReplicaThatDiffers() {
		assertThat(Divergence.allEqual(List.of("r1", "r2", "r3"), answers(Map.of("r1", "a", "r2", "b", "r3", "a"))))
			.isFalse();
		assertThat(this.asked).containsExactly("r1", "r2");
	}

	private Function<String, String> answers(Map<String, String> states) {
		return (replica) -> {
			this.asked.add(replica);
			return states.get(replica);
		};
	}

}
