package io.replicationlab.cluster;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code replication} health component: {@code DIVERGED} when, in some mode, this
 * replica's state differs from a reachable peer's, with the differing peers and keys in
 * the details; {@code UP} otherwise (unreachable peers are listed, not judged).
 * {@code DIVERGED} maps to HTTP 200 and is left out of the liveness and readiness groups:
 * a diverged replica is exactly what the lab wants to show, and restarting or unrouting
 * it would hide it.
 */
@Component("replication")
class ReplicationHealthIndicator implements HealthIndicator {

	static final Status DIVERGED = new Status("DIVERGED",
			"This replica's state differs from a reachable peer's in some mode");

	private final DivergenceMonitor monitor;

	ReplicationHealthIndicator(DivergenceMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public Health health() {
		DivergenceMonitor.Assessment assessment;
		try {
			assessment = this.monitor.current();
		}
		catch (RuntimeException ex) {
			// UNKNOWN ranks below UP: a failed comparison must not turn the replica's
			// overall health DOWN
			return Health.unknown().withException(ex).build();
		}
		return Health.status(assessment.diverged() ? DIVERGED : Status.UP)
			.withDetail("checkedAt", assessment.checkedAt().toString())
			.withDetail("unreachablePeers", assessment.unreachablePeers())
			.withDetail("modes", assessment.modes())
			.build();
	}

}
