package io.replicationlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.replicationlab.replica.Pitfall;
import io.replicationlab.replica.Pitfalls;
import io.replicationlab.system.ClientProblem;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /internal/pitfalls/{name}} {@code {"enabled": true|false}}: the lab
 * supervisor switches one of this replica's {@link Pitfall}s at runtime (issue 13).
 * Internal, so the cluster token guards it: breaking a guarantee is the lab's decision,
 * never a client's.
 */
@RestController
@Hidden
class PitfallSwitchController {

	private final Pitfalls pitfalls;

	PitfallSwitchController(Pitfalls pitfalls) {
		this.pitfalls = pitfalls;
	}

	@PutMapping("/internal/pitfalls/{name}")
	Switched set(@PathVariable String name, @RequestBody(required = false) JsonNode body) {
		Pitfall pitfall = pitfall(name);
		boolean enabled = enabled(body);
		this.pitfalls.set(pitfall, enabled);
		return new Switched(pitfall.toString(), this.pitfalls.on(pitfall),
				this.pitfalls.on().stream().map(Pitfall::toString).toList());
	}

	/**
	 * What the switch answers.
	 *
	 * @param enabled whether the pitfall is on now
	 * @param on every pitfall this replica has on now
	 */
	record Switched(String pitfall, boolean enabled, List<String> on) {
	}

	static Pitfall pitfall(String name) {
		return Pitfall.named(name)
			.orElseThrow(() -> new ClientProblem(HttpStatus.BAD_REQUEST, "unknown-pitfall", "Unknown pitfall",
					"No pitfall is named '" + name + "'; the pitfalls are "
							+ Arrays.stream(Pitfall.values())
								.map(Pitfall::toString)
								.collect(Collectors.joining(", "))));
	}

	/** {@code {"enabled": true|false}}: a JSON boolean, not "true" or 1. */
	static boolean enabled(JsonNode body) {
		JsonNode enabled = (body != null) ? body.get("enabled") : null;
		if (enabled == null || !enabled.isBoolean()) {
			throw new ClientProblem(HttpStatus.BAD_REQUEST, "bad-pitfall-switch", "Bad pitfall switch",
					"The body must be {\"enabled\": true} or {\"enabled\": false}");
		}
		return enabled.booleanValue();
	}

}
