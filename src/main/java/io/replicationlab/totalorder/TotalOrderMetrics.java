package io.replicationlab.totalorder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * {@code replication.totalorder.lag} (records of the partition this replica has not
 * consumed yet) and {@code replication.totalorder.outbox} (ops accepted here that the
 * broker has not acknowledged yet). A scrape never calls the broker: the lag uses the end
 * offset the consumer saw on its last poll and the stored position, so it is stale by at
 * most one poll while Kafka answers, and frozen at its last value while it does not.
 */
@Component
class TotalOrderMetrics implements MeterBinder {

	private final TotalOrderBook book;

	private final OrderedConsumer consumer;

	TotalOrderMetrics(TotalOrderBook book, OrderedConsumer consumer) {
		this.book = book;
		this.consumer = consumer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("replication.totalorder.lag", this, TotalOrderMetrics::lag)
			.description("Records of the total-order partition this replica has not consumed yet (end offset as last "
					+ "seen by its consumer minus its stored position; 0 before the end offset is known)")
			.register(registry);
		Gauge.builder("replication.totalorder.outbox", this.book, TotalOrderBook::outboxSize)
			.description("Ops accepted by this replica, durable, not yet recorded as ordered here")
			.register(registry);
	}

	private double lag() {
		long end = this.consumer.endOffset().orElse(0);
		return Math.max(0, end - this.book.nextOffset());
	}

}
