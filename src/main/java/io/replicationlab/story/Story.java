package io.replicationlab.story;

import java.time.Duration;
import java.util.List;

/**
 * A story, as {@link StoryParser} accepted it: every field checked, so that the runner
 * never meets a bad one.
 *
 * @param name its id in URLs: {@code [a-z0-9-]}
 * @param modes the modes it runs in, all at once
 */
public record Story(String name, String title, String description, List<String> modes, List<Step> steps) {

	/** One kind of step; its JSON name is {@link #json}. */
	public enum Action {

		WRITE("write"), READ("read"), PARTITION("partition"), HEAL("heal"), KAFKA_CUT("kafka-cut"), KILL("kill"),
		RESTART("restart"), PAUSE("pause"), RESUME("resume"), BROKER_STOP("broker-stop"), BROKER_START("broker-start"),
		CLOCK_SKEW("clock-skew"), PITFALL("pitfall"), WAIT("wait"), SETTLE("settle");

		final String json;

		Action(String json) {
			this.json = json;
		}

		static Action of(String json) {
			for (Action action : values()) {
				if (action.json.equals(json)) {
					return action;
				}
			}
			return null;
		}

	}

	/**
	 * One write of a {@code write} step (value {@code null}: a delete).
	 *
	 * @param opId a label: writes of one story run with the same label share one op id
	 * (per mode), as a client's retry does
	 * @param answer {@code lost}: the client never sees the answer (the runner records it
	 * apart)
	 */
	public record Write(String replica, String key, String value, String opId, String answer) {
	}

	/**
	 * One step. Only the fields of its action are set.
	 *
	 * @param offset clock-skew: the offset; wait: how long; settle and restart: the
	 * timeout
	 */
	public record Step(int index, String name, String narration, Action action, List<Write> writes, String await,
			String replica, String key, List<List<String>> groups, List<String> kafka, List<String> replicas,
			Duration duration, String pitfall, boolean enabled) {

		String label() {
			return "step " + this.index + " (\"" + this.name + "\")";
		}

	}

}
