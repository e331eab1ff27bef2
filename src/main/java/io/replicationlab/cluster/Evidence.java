package io.replicationlab.cluster;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a person needs to see a property fail (a counterexample) or an expected
 * divergence: a sentence, and the replicas, op ids, applied-log positions and keys it
 * speaks of.
 *
 * @param positions replica -> positions in its applied log
 * @param keys key -> replica -> live values, for the keys whose values differ
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Evidence(String explanation, List<String> replicas, List<UUID> opIds, Map<String, List<Long>> positions,
		SortedMap<String, Map<String, List<String>>> keys) {

	static Evidence of(String explanation, List<String> replicas, List<UUID> opIds, Map<String, List<Long>> positions) {
		return new Evidence(explanation, replicas, opIds, positions, null);
	}

}
