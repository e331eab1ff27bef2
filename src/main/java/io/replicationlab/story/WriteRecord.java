package io.replicationlab.story;

import java.util.Set;

/**
 * One write a story made in one mode, and how it was answered: what the report counts,
 * and what a checker needs to judge the run from the client's side (the report lists
 * every one under {@code operations}).
 *
 * @param status the HTTP status, -1 when there was no answer
 * @param faults the faults in force when it was sent ({@code partition}, {@code r2 down},
 * {@code broker stopped}...)
 * @param lostAnswer the story threw the answer away, as a client whose connection broke
 * would
 * @param invokedNanos when it was sent, in nanoseconds since the run began
 * @param completedNanos when its answer came (or the call gave up)
 * @param outcome the answer as a checker's history records it ({@link #outcome})
 * @param dot {@code reconcile}: the dot the write was given
 */
record WriteRecord(String mode, int step, String replica, String key, String value, String opId, int status,
		long millis, Set<String> faults, boolean lostAnswer, long invokedNanos, long completedNanos, String outcome,
		String dot) {

	/**
	 * {@code ok} (200), {@code durable} (202), {@code fail} (a 4xx, or a connection never
	 * made: nothing was written) or {@code info} (no answer, a 5xx: unknown), as the
	 * checker's clients record them.
	 */
	static String outcome(LabCalls.Answer answer) {
		if (answer.status() == 200 || answer.status() == 202) {
			return (answer.status() == 200) ? "ok" : "durable";
		}
		boolean refused = (answer.status() >= 400 && answer.status() < 500) || !answer.connected();
		return refused ? "fail" : "info";
	}

}
