package io.replicationlab.reconcile;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The live conflicts of this replica's reconcile state, read from its sibling table at
 * each scrape (one aggregate query each, no peer call):
 * {@code replication.reconcile.siblings} counts the siblings beyond the first of each key
 * (0 when every key has one value), {@code replication.reconcile.conflicted.keys} the
 * keys with more than one. Under {@code lww} both stay 0; what last-writer-wins dropped
 * is {@code replication.reconcile.lww.discarded}.
 */
@Component
class ReconcileMetrics implements MeterBinder {

	private final ReconcileStore store;

	ReconcileMetrics(ReconcileStore store) {
		this.store = store;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("replication.reconcile.siblings", this.store, ReconcileStore::extraSiblings)
			.description(
					"Live reconcile siblings beyond the first value of each key (concurrent writes not resolved yet)")
			.register(registry);
		Gauge.builder("replication.reconcile.conflicted.keys", this.store, ReconcileStore::conflictedKeys)
			.description("Reconcile keys with more than one live sibling")
			.register(registry);
	}

}
