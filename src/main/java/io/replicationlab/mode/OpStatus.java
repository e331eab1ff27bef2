package io.replicationlab.mode;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How far one op has come on this replica.
 *
 * @param status {@code durable} (in the WAL), {@code ordered} (total-order: the broker
 * gave it an offset) or {@code applied} (in this replica's state) or {@code rejected}
 * (total-order: the op id was ordered first for a different write, so this write is never
 * applied; {@code detail} says which)
 * @param traceId the id of the op's trace as this replica knows it: the writing request's
 * on the origin, the one the Kafka record carried elsewhere (absent when this replica has
 * not traced the op, e.g. since a restart)
 * @param traceUrl the trace in the Zipkin UI, when {@code tracing.ui-url} is set and the
 * trace was sampled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An op's status on this replica: durable, ordered (with its offset) or applied (with its position)")
record OpStatus(UUID opId, String replica, String mode, String key, String origin, String source, long lsn,
		@Schema(example = "applied", implementation = String.class) Stage status, Long offset, Long appliedPosition,
		String outcome, Instant acceptedAt, String detail,
		@Schema(example = "69a1c3e0b1f2d3c4a5b6c7d8e9f0a1b2") String traceId, URI traceUrl) {

	/**
	 * The levels of {@link AwaitLevel}, or {@code rejected}; in JSON, the lower-case
	 * label.
	 */
	enum Stage {

		DURABLE, ORDERED, APPLIED, REJECTED;

		@JsonValue
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
