package io.replicationlab.reconcile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * What the delta exchange moves, per peer: ops and bytes this replica shipped to each
 * peer (Micrometer {@code replication.reconcile.shipped.ops}/{@code .bytes}, tag
 * {@code peer}) and received from each peer
 * ({@code replication.reconcile.received.ops}/{@code .bytes}), and the writes
 * last-writer-wins discarded ({@code replication.reconcile.lww.discarded}). Only
 * responses and pushes that carry ops count: a pull that finds nothing missing ships no
 * op data.
 */
@Component
class ShippingCounters {

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Counter discarded;

	ShippingCounters(MeterRegistry meters) {
		this.meters = meters;
		this.discarded = Counter.builder("replication.reconcile.lww.discarded")
			.description("Writes last-writer-wins discarded because a concurrent write had a higher (time, origin)")
			.register(meters);
	}

	void shipped(String peer, int ops, int bytes) {
		counter("shipped", "ops", peer).increment(ops);
		counter("shipped", "bytes", peer).increment(bytes);
	}

	void received(String peer, int ops, int bytes) {
		counter("received", "ops", peer).increment(ops);
		counter("received", "bytes", peer).increment(bytes);
	}

	void discarded(int count) {
		this.discarded.increment(count);
	}

	long discardedCount() {
		return (long) this.discarded.count();
	}

	/**
	 * {@code {peer: {ops, bytes}}} for {@code shipped} or {@code received}, sorted by
	 * peer.
	 */
	Map<String, Map<String, Long>> view(String direction) {
		Map<String, Map<String, Long>> view = new TreeMap<>();
		this.counters.forEach((name, counter) -> {
			String[] parts = name.split("/", 3);
			if (parts[0].equals(direction)) {
				view.computeIfAbsent(parts[2], (peer) -> new TreeMap<>()).put(parts[1], (long) counter.count());
			}
		});
		return view;
	}

	private Counter counter(String direction, String unit, String peer) {
		return this.counters.computeIfAbsent(direction + "/" + unit + "/" + peer,
				(name) -> Counter.builder("replication.reconcile." + direction + "." + unit)
					.description("reconcile: " + unit + " of op data " + direction + " per peer")
					.tag("peer", peer)
					.register(this.meters));
	}

}
