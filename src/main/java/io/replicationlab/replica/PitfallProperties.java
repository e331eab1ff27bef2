package io.replicationlab.replica;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code replica.pitfalls}: the {@link Pitfall}s switched on, comma-separated (none by default). An unknown name
 * stops the replica at startup rather than leaving a guarantee silently in doubt.
 */
@ConfigurationProperties("replica")
public record PitfallProperties(@DefaultValue("") String pitfalls) {

	public PitfallProperties {
		on(pitfalls);
	}

	public Set<Pitfall> on() {
		return on(this.pitfalls);
	}

	public boolean on(Pitfall pitfall) {
		return on().contains(pitfall);
	}

	private static Set<Pitfall> on(String names) {
		Set<Pitfall> on = EnumSet.noneOf(Pitfall.class);
		for (String name : names.split(",")) {
			if (name.isBlank()) {
				continue;
			}
			on.add(Pitfall.named(name.trim())
				.orElseThrow(() -> new IllegalArgumentException("replica.pitfalls: unknown pitfall '" + name.trim()
						+ "'; known: " + Arrays.stream(Pitfall.values()).map(Pitfall::toString)
							.collect(Collectors.joining(", ")))));
		}
		return on;
	}

}
