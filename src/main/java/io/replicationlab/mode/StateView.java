package io.replicationlab.mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import io.replicationlab.replica.Mode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A replica's state in one mode, as {@code GET /api/{mode}/kv} answers it.
 *
 * @param extra mode-specific fields shown beside the state: {@code versionVector}
 * (reconcile), {@code position} (total-order)
 */
@Schema(description = "A replica's state in a mode: every key with its live values, and a digest to compare replicas")
record StateView(@Schema(example = "r1") String replica, @Schema(example = "local") String mode,
		@Schema(description = "key -> live values (several are siblings)") SortedMap<String, List<String>> entries,
		@Schema(description = "Fingerprint of the state: equal on two replicas exactly when their states are equal",
				example = "9f86d081884c7d65") String digest,
		@JsonAnyGetter Map<String, Object> extra) {

	static StateView of(String replica, Mode mode, ModeState state) {
		return new StateView(replica, mode.pathSegment(), state.entries(), state.digest(),
				new LinkedHashMap<>(state.extra()));
	}

}
