package io.replicationlab.mode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How far a write must have come before its request is answered. */
public enum AwaitLevel {

	/** Committed to this replica's WAL: it survives a crash. */
	DURABLE,

	/** total-order: acknowledged by the broker, so its offset (its place in the total order) is known. */
	ORDERED,

	/** Applied to this replica's state (the default). */
	APPLIED;

	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AwaitLevel> fromLabel(String label) {
		return Arrays.stream(values()).filter((level) -> level.label().equals(label)).findFirst();
	}

}
