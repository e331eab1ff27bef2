package io.replicationlab.replica;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code replica.pitfalls}: the {@link Pitfall}s switched on, comma-separated (none by
 * default). An unknown name stops the replica at startup rather than leaving a guarantee
 * silently in doubt.
 *
 * @param pitfalls the pitfalls to switch on, comma-separated ({@code ack-before-durable},
 * {@code apply-without-dedup}, {@code position-outside-transaction},
 * {@code wall-clock-lww}, {@code ignore-context}): each breaks one guarantee on purpose
 * so that the checker can be seen to catch it; none by default ({@code REPLICA_PITFALLS})
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
						+ "'; known: "
						+ Arrays.stream(Pitfall.values()).map(Pitfall::toString).collect(Collectors.joining(", ")))));
		}
		return on;
	}

}
