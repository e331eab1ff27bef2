package io.replicationlab.lab;

import io.replicationlab.replica.SkewableClock;
import io.replicationlab.system.ClientProblem;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /internal/clock-offset}: the lab supervisor skews this replica's accept-time
 * clock (issue 13, fault {@code clock-skew}). Internal, so the cluster token guards it: a
 * skewed clock is a fault, not a client's choice.
 */
@RestController
@Hidden
class ClockOffsetController {

	private final SkewableClock acceptClock;

	ClockOffsetController(SkewableClock acceptClock) {
		this.acceptClock = acceptClock;
	}

	@PutMapping("/internal/clock-offset")
	Offset set(@RequestBody JsonNode body) {
		try {
			this.acceptClock.offsetMillis(offsetMillis(body));
		}
		catch (IllegalArgumentException ex) {
			throw new ClientProblem(HttpStatus.BAD_REQUEST, "bad-clock-offset", "Bad clock offset", ex.getMessage());
		}
		return new Offset(this.acceptClock.offsetMillis());
	}

	/** What the replica answers: the offset in force now. */
	record Offset(long offsetMillis) {
	}

	/**
	 * {@code {"offsetMillis": N}}, N a whole number of milliseconds (positive: ahead);
	 * 1.5 or "5" are refused.
	 */
	static long offsetMillis(JsonNode body) {
		JsonNode offset = (body != null) ? body.get("offsetMillis") : null;
		if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong()) {
			throw new ClientProblem(HttpStatus.BAD_REQUEST, "bad-clock-offset", "Bad clock offset",
					"The body must be {\"offsetMillis\": N}, N a whole number of milliseconds");
		}
		return offset.longValue();
	}

}
