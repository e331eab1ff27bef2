package io.replicationlab.replica;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code pitfalls} in health: which guarantees this replica breaks on purpose now (those
 * switched at runtime included). UP either way (a pitfall is a lesson, not an outage),
 * but named, so that nobody mistakes a lab with pitfalls for a sound one.
 */
@Component("pitfalls")
class PitfallsHealthIndicator implements HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(PitfallsHealthIndicator.class);

	private final Pitfalls pitfalls;

	PitfallsHealthIndicator(Pitfalls pitfalls) {
		this.pitfalls = pitfalls;
		if (!pitfalls.on().isEmpty()) {
			log.warn("PITFALLS ON: {}: this replica breaks these guarantees on purpose", pitfalls.on());
		}
	}

	@Override
	public Health health() {
		List<String> on = this.pitfalls.on().stream().map(Pitfall::toString).toList();
		Health.Builder health = Health.up().withDetail("on", on);
		if (!on.isEmpty()) {
			health.withDetail("warning", "guarantees broken on purpose: " + String.join(", ", on));
		}
		if (this.pitfalls.on(Pitfall.POSITION_OUTSIDE_TRANSACTION)) {
			health.withDetail(Pitfall.POSITION_OUTSIDE_TRANSACTION.pitfallName(),
					"the consumer waits " + Pitfall.POSITION_WINDOW.toMillis() + " ms between its position's commit "
							+ "and the applies: the lab widens the window so that a crash lands in it");
		}
		return health.build();
	}

}
