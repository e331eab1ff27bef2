package io.replicationlab.worker;

import java.time.Clock;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.springframework.stereotype.Component;

/**
 * Every background loop of this replica, by name, for the {@code workers} health
 * component.
 */
@Component
public class Workers {

	private final Map<String, Worker> workers = new ConcurrentSkipListMap<>();

	private final Clock clock;

	public Workers(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The handle through which a loop reports its state.
	 * @param essential whether the replica cannot serve without this loop (its loss turns
	 * health DOWN, not DEGRADED)
	 */
	public Worker register(String name, boolean essential) {
		return this.workers.computeIfAbsent(name, (key) -> new Worker(key, essential, this.clock));
	}

	SortedMap<String, Worker> all() {
		return new TreeMap<>(this.workers);
	}

}
