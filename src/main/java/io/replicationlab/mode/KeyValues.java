package io.replicationlab.mode;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A key's live values on one replica: one value, or several siblings in
 * {@code reconcile}.
 *
 * @param context reconcile: the causal context covering these values; write with it to
 * replace them all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A key's live values on this replica (several values are siblings)")
public record KeyValues(@Schema(example = "color") String key, @Schema(example = "[\"blue\"]") List<String> values,
		@Schema(description = "reconcile: pass it back when writing to replace these values",
				example = "r1~5c1e0b7a:3,r2~09d4f3e1:1") String context) {
}
