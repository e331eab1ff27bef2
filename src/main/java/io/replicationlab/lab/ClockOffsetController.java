package io.replicationlab.lab;

import java.util.Map;

import io.replicationlab.replica.SkewableClock;
import io.replicationlab.system.ClientProblem;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /internal/clock-offset}: the lab supervisor skews this replica's accept-time clock (issue 13, fault
 * {@code clock-skew}). Internal, so the cluster token guards it: a skewed clock is a fault, not a client's choice.
 */
@RestController
@Hidden
class ClockOffsetController {

	private final SkewableClock acceptClock;

	ClockOffsetController(SkewableClock acceptClock) {
		this.acceptClock = acceptClock;
	}

	@PutMapping("/internal/clock-offset")
	Map<String, Object> set(@RequestBody ClockOffset body) {
		if (body.offsetMillis() == null) {
			throw new ClientProblem(HttpStatus.BAD_REQUEST, "bad-clock-offset", "Bad clock offset",
					"The body must be {\"offsetMillis\": N}");
		}
		try {
			this.acceptClock.offsetMillis(body.offsetMillis());
		}
		catch (IllegalArgumentException ex) {
			throw new ClientProblem(HttpStatus.BAD_REQUEST, "bad-clock-offset", "Bad clock offset", ex.getMessage());
		}
		return Map.of("offsetMillis", this.acceptClock.offsetMillis());
	}

	/** The offset in milliseconds, positive for a clock ahead. */
	record ClockOffset(Long offsetMillis) {
	}

}
