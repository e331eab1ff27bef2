package io.replicationlab.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The recorded history: events in the order they happened, numbered; shared by every
 * client thread.
 */
final class History {

	private final List<Event> events = new ArrayList<>();

	private final long began = System.nanoTime();

	long now() {
		return System.nanoTime() - this.began;
	}

	synchronized Event invoke(String f, int process, String replica, String mode, String key, String value, String opId,
			String context) {
		Event event = new Event(this.events.size(), "invoke", f, process, replica, mode, key, value, null, opId,
				context, null, System.currentTimeMillis(), now(), null);
		this.events.add(event);
		return event;
	}

	synchronized Event complete(Event invoke, String type, List<String> values, String context, String dot,
			String error) {
		Event event = invoke.completed(this.events.size(), type, values, context, dot, System.currentTimeMillis(),
				now(), error);
		this.events.add(event);
		return event;
	}

	synchronized List<Event> events() {
		return List.copyOf(this.events);
	}

}
