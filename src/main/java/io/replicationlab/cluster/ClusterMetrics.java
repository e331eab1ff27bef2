package io.replicationlab.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.replicationlab.mode.ModeRegistry;
import io.replicationlab.mode.ReplicationMode;

import org.springframework.stereotype.Component;

/**
 * {@code replication.divergence} (0/1 per mode: whether this replica's state differs from
 * a reachable peer's) and {@code replication.peers.unreachable}, read from the
 * {@link DivergenceMonitor}'s cached comparison.
 */
@Component
class ClusterMetrics implements MeterBinder {

	private final DivergenceMonitor monitor;

	private final ModeRegistry modes;

	ClusterMetrics(DivergenceMonitor monitor, ModeRegistry modes) {
		this.monitor = monitor;
		this.modes = modes;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ReplicationMode mode : this.modes.all()) {
			Gauge
				.builder("replication.divergence", this.monitor,
						(monitor) -> monitor.current().diverged(mode.mode()) ? 1 : 0)
				.description("1 when this replica's state in the mode differs from a reachable peer's, else 0")
				.tag("mode", mode.mode().pathSegment())
				.register(registry);
		}
		Gauge
			.builder("replication.peers.unreachable", this.monitor,
					(monitor) -> monitor.current().unreachablePeers().size())
			.description("Peers that did not answer this replica's last comparison")
			.register(registry);
	}

}
