package io.replicationlab.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One property's verdict.
 *
 * @param property its name: {@code agreement}, {@code integrity}, {@code no-fabrication}, {@code no-loss},
 * {@code equal-prefix-equal-state}, {@code convergence}, {@code no-lost-write}, {@code expected-divergence}
 * @param meaning what the property says, in one sentence
 * @param counterexample when it does not hold: the replicas, op ids and positions that break it
 * @param observed when it holds but there is something to show (the divergence {@code local} expects)
 * @param notes what could not be judged, and why
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record PropertyCheck(String property, boolean holds, String meaning, Evidence counterexample, Evidence observed,
		List<String> notes) {

	static PropertyCheck holds(String property, String meaning, List<String> notes) {
		return new PropertyCheck(property, true, meaning, null, null, List.copyOf(notes));
	}

	static PropertyCheck fails(String property, String meaning, Evidence counterexample, List<String> notes) {
		return new PropertyCheck(property, false, meaning, counterexample, null, List.copyOf(notes));
	}

}
