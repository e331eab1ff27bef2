package io.replicationlab.story;

import java.util.List;

/**
 * One read a story made in one mode, for a checker's history (the report lists every one
 * under {@code operations}).
 *
 * @param values what it read (empty: absent), {@code null} when it failed
 * @param outcome {@code ok} (200 or 404), {@code fail} or {@code info}, as
 * {@link WriteRecord#outcome} says
 */
record ReadRecord(String mode, int step, String replica, String key, int status, List<String> values, long invokedNanos,
		long completedNanos, String outcome) {
}
