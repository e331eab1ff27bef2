package io.replicationlab.check;

import java.util.List;

/**
 * One line of a recorded history: an invocation or its completion, as the client saw it.
 *
 * @param index position in the history (Jepsen's {@code :index})
 * @param type {@code invoke}, {@code ok} (200), {@code durable} (202), {@code fail} (a
 * 4xx or a connection never made: nothing written) or {@code info} (timeout, 5xx:
 * unknown)
 * @param f {@code write} or {@code read}
 * @param process the logical client process (sequential)
 * @param replica the replica the process talks to
 * @param mode {@code local}, {@code total-order} or {@code reconcile}
 * @param value the written value (unique per write); for reads, null
 * @param values what a read returned (empty: absent)
 * @param opId the write's op id (the client chooses it)
 * @param context reconcile: the causal context the write carried, or the one a read
 * returned
 * @param dot reconcile: the dot the write got
 * @param wallMillis wall-clock time of the event
 * @param nanos monotonic time since the check began
 * @param error why a fail or info happened
 */
record Event(int index, String type, String f, int process, String replica, String mode, String key, String value,
		List<String> values, String opId, String context, String dot, long wallMillis, long nanos, String error) {

	boolean invoke() {
		return "invoke".equals(this.type);
	}

	boolean write() {
		return "write".equals(this.f);
	}

	boolean read() {
		return "read".equals(this.f);
	}

	/** Acknowledged: 200 or 202, the system promised to keep it. */
	boolean acknowledged() {
		return "ok".equals(this.type) || "durable".equals(this.type);
	}

	Event completed(int index, String type, List<String> values, String context, String dot, long wallMillis,
			long nanos, String error) {
		return new Event(index, type, this.f, this.process, this.replica, this.mode, this.key, this.value, values,
				this.opId, (context != null) ? context : this.context, dot, wallMillis, nanos, error);
	}

}
