package io.replicationlab.replica;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three ways a replica replicates the writes it accepts. Each has its own state and
 * applied log; all share the replica's one write-ahead log.
 */
public enum Mode {

	/**
	 * Writes stay on the replica that accepted them: a WAL gives durability, not
	 * consistency.
	 */
	LOCAL("local"),

	/**
	 * Writes travel through one single-partition Kafka topic that every replica applies
	 * in offset order.
	 */
	TOTAL_ORDER("total-order"),

	/**
	 * Writes are accepted locally and exchanged as versioned deltas; vector clocks decide
	 * what is concurrent.
	 */
	RECONCILE("reconcile");

	private final String pathSegment;

	Mode(String pathSegment) {
		this.pathSegment = pathSegment;
	}

	/**
	 * The name used in URLs ({@code /api/total-order/kv}), in the database and in JSON.
	 */
	public String pathSegment() {
		return this.pathSegment;
	}

	public static Optional<Mode> fromPathSegment(String segment) {
		return Arrays.stream(values()).filter((mode) -> mode.pathSegment.equals(segment)).findFirst();
	}

	@Override
	public String toString() {
		return this.pathSegment;
	}

}
