package io.replicationlab.mode;

import java.util.Objects;
import java.util.UUID;

/**
 * A validated client write.
 *
 * @param key the key (already checked against the key rules)
 * @param value the value, or {@code null} for a delete
 * @param opId the op id: the client's, which makes retries idempotent, or a fresh one
 * @param context reconcile: the causal context from an earlier read, or {@code null}
 * @param await how far the write must have come before the answer
 */
public record WriteCommand(String key, String value, UUID opId, String context, AwaitLevel await) {

	public WriteCommand {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(opId, "opId");
		Objects.requireNonNull(await, "await");
	}

	public boolean delete() {
		return this.value == null;
	}

}
