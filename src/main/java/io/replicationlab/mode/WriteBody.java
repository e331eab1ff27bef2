package io.replicationlab.mode;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON body of a write. Unknown fields are refused. */
@Schema(description = "A write: the value, and optionally an op id (makes retries idempotent) and a causal context")
record WriteBody(
		@Schema(description = "UTF-8 text up to 64 KiB; required for PUT, absent for DELETE",
				example = "blue") String value,
		@Schema(description = "Optional UUID: sending the same op id again returns the first result and writes nothing",
				example = "3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69") String opId,
		@Schema(description = "reconcile only: the context from an earlier read, replacing the values it covers",
				example = "r1~5c1e0b7a:3,r2~09d4f3e1:1") String context) {
}
