package io.replicationlab.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.replicationlab.replica.Mode;

import org.springframework.stereotype.Component;

/**
 * {@code replication.apply.latency}: the time from an op's acceptance by its origin to its application on this
 * replica, by mode. A mode calls {@link #record} right after it applies an op (after {@code AppliedLog.record}), with
 * the op's {@code acceptedAt} from its WAL entry. Across replicas the clocks differ: a negative latency is counted as
 * zero.
 */
@Component
public class ApplyLatency {

	private final MeterRegistry meters;

	private final Clock clock;

	ApplyLatency(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
	}

	public void record(Mode mode, Instant acceptedAt) {
		Duration latency = Duration.between(acceptedAt, this.clock.instant());
		Timer.builder("replication.apply.latency")
			.description("Time from an op's acceptance by its origin to its application on this replica")
			.tag("mode", mode.pathSegment())
			.register(this.meters)
			.record(latency.isNegative() ? Duration.ZERO : latency);
	}

}
