package io.replicationlab.mode;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.replica.Mode;

/**
 * The port every replication mode implements; {@link KvController} dispatches
 * {@code /api/{mode}/kv} to it and knows nothing else about the mode.
 */
public interface ReplicationMode {

	Mode mode();

	/**
	 * Records the write in the WAL and replicates it the mode's way. Returns once the
	 * write is durable and, if the mode can tell in time, at the level the command
	 * awaits; a retry with an op id already in the WAL returns the original receipt and
	 * writes nothing.
	 */
	WriteReceipt write(WriteCommand command);

	/** The key's live value(s) on this replica, or empty when the key is absent. */
	Optional<KeyValues> read(String key);

	/** This replica's whole state in this mode. */
	ModeState state();

	/** The Kafka offset the op was ordered at, when this mode orders ops and knows it. */
	default OptionalLong orderedOffset(UUID opId) {
		return OptionalLong.empty();
	}

	/**
	 * Why the op this replica recorded under this id will never be applied, or empty: in
	 * {@code total-order}, its op id was ordered first for a different write (a
	 * conflict), so the state holds that write, not this one.
	 */
	default Optional<String> rejection(UUID opId) {
		return Optional.empty();
	}

	/**
	 * Where this replica stands in the mode (consumed offset, version vector...), for
	 * {@code /api/replica}.
	 */
	default Map<String, Object> position() {
		return Map.of();
	}

}
