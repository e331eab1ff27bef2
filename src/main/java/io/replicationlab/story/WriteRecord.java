package io.replicationlab.story;

import java.util.Set;

/**
 * One write a story made in one mode, and how it was answered.
 *
 * @param status the HTTP status, -1 when there was no answer
 * @param faults the faults in force when it was sent ({@code partition}, {@code r2 down},
 * {@code broker stopped}...)
 * @param lostAnswer the story threw the answer away, as a client whose connection broke
 * would
 */
record WriteRecord(String mode, int step, String replica, String key, String value, String opId, int status,
		long millis, Set<String> faults, boolean lostAnswer) {
}
