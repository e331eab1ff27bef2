package io.replicationlab.replica;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The {@link Pitfall}s in force on this replica now: those of {@code replica.pitfalls} at
 * startup, then whatever the lab switched ({@code PUT /internal/pitfalls/{name}}). Every
 * {@code PITFALL} branch asks here at the moment it acts, so a switch takes effect on the
 * next write or record; one that needs more than a question (H2's write delay for
 * {@code ack-before-durable}) listens for {@link Switched}. A runtime switch lasts until
 * the process ends: a replica started again takes {@code replica.pitfalls} (the lab
 * starts its replicas with the set it last switched to).
 */
@Component("pitfallsInForce")
public class Pitfalls {

	private static final Logger log = LoggerFactory.getLogger(Pitfalls.class);

	private final ApplicationEventPublisher events;

	private volatile Set<Pitfall> on;

	Pitfalls(PitfallProperties properties, ApplicationEventPublisher events) {
		this.events = events;
		this.on = Collections.unmodifiableSet(properties.on());
	}

	public boolean on(Pitfall pitfall) {
		return this.on.contains(pitfall);
	}

	/** The pitfalls on now, in declaration order. */
	public Set<Pitfall> on() {
		return this.on;
	}

	/**
	 * Switches one pitfall on or off; a no-op when it already is. Listeners run before
	 * this returns, so that the caller's answer means the pitfall is in force (or no
	 * longer is).
	 */
	public synchronized void set(Pitfall pitfall, boolean enabled) {
		if (on(pitfall) == enabled) {
			return;
		}
		Set<Pitfall> next = this.on.isEmpty() ? EnumSet.noneOf(Pitfall.class) : EnumSet.copyOf(this.on);
		if (enabled) {
			next.add(pitfall);
		}
		else {
			next.remove(pitfall);
		}
		// the effect first: a listener that fails (H2 refusing its write delay) leaves
		// the pitfall as it was
		this.events.publishEvent(new Switched(pitfall, enabled));
		this.on = Collections.unmodifiableSet(next);
		if (enabled) {
			log.warn("PITFALL {} switched ON: this replica now breaks this guarantee on purpose", pitfall);
		}
		else {
			log.info("Pitfall {} switched off", pitfall);
		}
	}

	/**
	 * Published when a pitfall is switched at runtime, before it is reported in force.
	 */
	public record Switched(Pitfall pitfall, boolean enabled) {
	}

}
