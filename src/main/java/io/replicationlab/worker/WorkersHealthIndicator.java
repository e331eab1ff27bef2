package io.replicationlab.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code workers}: each background loop's state. {@code DOWN} (503) only when an
 * essential loop, the single writer without which no write commits, has ended: the
 * replica cannot serve writes and a restart is the cure, so the liveness group includes
 * this component. A non-essential loop that has ended (the relay, the consumer, the
 * pulls) makes it {@code DEGRADED} (200): the replica still serves, its writes stay
 * durable, and the details say which loop is down.
 */
@Component
class WorkersHealthIndicator implements HealthIndicator {

	static final Status DEGRADED = new Status("DEGRADED");

	private final Workers workers;

	WorkersHealthIndicator(Workers workers) {
		this.workers = workers;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		Status status = Status.UP;
		for (Worker worker : this.workers.all().values()) {
			details.put(worker.name(), worker.details());
			if (worker.state() == Worker.State.DOWN) {
				status = worker.essential() ? Status.DOWN : (status == Status.DOWN) ? status : DEGRADED;
			}
		}
		return Health.status(status).withDetails(details).build();
	}

}
