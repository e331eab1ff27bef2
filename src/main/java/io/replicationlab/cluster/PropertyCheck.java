package io.replicationlab.cluster;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One property's verdict.
 *
 * @param property its name: {@code agreement}, {@code integrity}, {@code no-fabrication},
 * {@code no-loss}, {@code no-unpublished-write}, {@code equal-prefix-equal-state},
 * {@code convergence}, {@code no-lost-write}, {@code expected-divergence},
 * {@code state-matches-wal}
 * @param verdict {@value #HOLDS}, {@value #FAILS} (with a counterexample) or
 * {@value #UNKNOWN} (the notes say what was not seen)
 * @param meaning what the property says, in one sentence
 * @param counterexample when it does not hold: the replicas, op ids and positions that
 * break it
 * @param observed when it holds but there is something to show (the divergence
 * {@code local} expects)
 * @param notes what could not be judged, and why
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "property", "holds", "verdict" })
record PropertyCheck(String property, String verdict, String meaning, Evidence counterexample, Evidence observed,
		List<String> notes) {

	static final String HOLDS = "holds";

	static final String FAILS = "fails";

	static final String UNKNOWN = "unknown";

	/**
	 * Kept for clients of the first API: true only when the verdict is {@value #HOLDS},
	 * never when unknown.
	 */
	@JsonProperty("holds")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	boolean holds() {
		return HOLDS.equals(this.verdict);
	}

	boolean fails() {
		return FAILS.equals(this.verdict);
	}

	static PropertyCheck holds(String property, String meaning, List<String> notes) {
		return new PropertyCheck(property, HOLDS, meaning, null, null, List.copyOf(notes));
	}

	static PropertyCheck fails(String property, String meaning, Evidence counterexample, List<String> notes) {
		return new PropertyCheck(property, FAILS, meaning, counterexample, null, List.copyOf(notes));
	}

	static PropertyCheck unknown(String property, String meaning, List<String> notes) {
		return new PropertyCheck(property, UNKNOWN, meaning, null, null, List.copyOf(notes));
	}

	/**
	 * This verdict, unless it holds: then unknown, because of {@code reason}. A failure
	 * stays a failure.
	 */
	PropertyCheck unknownIfHolding(String reason) {
		if (!holds()) {
			return this;
		}
		List<String> more = new ArrayList<>(this.notes);
		more.add(reason);
		return new PropertyCheck(this.property, UNKNOWN, this.meaning, null, this.observed, List.copyOf(more));
	}

}
