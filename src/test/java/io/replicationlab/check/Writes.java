package io.replicationlab.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The writes of one mode in a history, by op id: each write's first invocation and, of
 * its completions, the one that tells most of what the client learnt (a total-order write
 * retried with the same op id completes once per attempt); and the history lines that
 * show them, for the examples of an anomaly.
 */
record Writes(Map<String, Event> invoked, Map<String, Event> completed) {

	/**
	 * Outcomes of attempts at one write, from the least to the most the client learnt.
	 */
	private static final List<String> RANK = List.of("fail", "info", "durable", "ok");

	static Writes of(List<Event> history, String mode) {
		Map<String, Event> invoked = new HashMap<>();
		Map<String, Event> completed = new HashMap<>();
		for (Event event : history) {
			if (mode.equals(event.mode()) && event.write()) {
				if (event.invoke()) {
					invoked.putIfAbsent(event.opId(), event);
				}
				else {
					completed.merge(event.opId(), event,
							(one, other) -> (RANK.indexOf(other.type()) > RANK.indexOf(one.type())) ? other : one);
				}
			}
		}
		return new Writes(invoked, completed);
	}

	/** The history lines of these writes: the invocation and the completion of each. */
	List<Integer> lines(String... opIds) {
		List<Integer> lines = new ArrayList<>();
		for (String opId : opIds) {
			if (this.invoked.containsKey(opId)) {
				lines.add(this.invoked.get(opId).index());
			}
			if (this.completed.containsKey(opId)) {
				lines.add(this.completed.get(opId).index());
			}
		}
		return lines;
	}

	/** The history lines of a write of each of these values. */
	List<Integer> linesWriting(Collection<String> values) {
		List<Integer> lines = new ArrayList<>();
		for (String value : values) {
			this.invoked.values()
				.stream()
				.filter((write) -> Objects.equals(value, write.value()))
				.findFirst()
				.ifPresent((write) -> lines.addAll(lines(write.opId())));
		}
		return lines;
	}

}
