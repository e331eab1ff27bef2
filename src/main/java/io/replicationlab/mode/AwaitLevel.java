package io.replicationlab.mode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a write must have come before its request is answered, and how far it had come
 * when it was (a receipt's {@code status}). In JSON and in {@code ?await=}, its
 * lower-case label.
 */
public enum AwaitLevel {

	/** Committed to this replica's WAL: it survives a crash. */
	DURABLE,

	/**
	 * total-order: acknowledged by the broker, so its offset (its place in the total
	 * order) is known.
	 */
	ORDERED,

	/** Applied to this replica's state (the default). */
	APPLIED;

	@JsonValue
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<AwaitLevel> fromLabel(String label) {
		return Arrays.stream(values()).filter((level) -> level.label().equals(label)).findFirst();
	}

}
