package io.replicationlab.wal;

import io.replicationlab.replica.Pitfall;
import io.replicationlab.replica.Pitfalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code ack-before-durable} switched at runtime: H2's write delay becomes
 * {@value ReplicaDataSourceConfiguration#PITFALL_WRITE_DELAY} ms (commits acknowledged
 * before they reach the file), and switching it off restores
 * {@code replica.h2-write-delay} (0: durable), the setting the owner opened the database
 * with.
 */
@Component
class WriteDelayPitfall {

	private static final Logger log = LoggerFactory.getLogger(WriteDelayPitfall.class);

	private final DatabaseOwner owner;

	private final DurabilityProperties durability;

	WriteDelayPitfall(DatabaseOwner owner, DurabilityProperties durability) {
		this.owner = owner;
		this.durability = durability;
	}

	@EventListener
	void switched(Pitfalls.Switched switched) {
		if (switched.pitfall() != Pitfall.ACK_BEFORE_DURABLE) {
			return;
		}
		// PITFALL ack-before-durable, switched at runtime
		int delay = switched.enabled() ? ReplicaDataSourceConfiguration.PITFALL_WRITE_DELAY
				: this.durability.h2WriteDelay();
		this.owner.writeDelay(delay);
		log.warn("H2 write delay now {} ms{}", delay, (delay == 0) ? " (durable again)"
				: ": acknowledged writes of the last " + delay + " ms are lost if this process is killed");
	}

}
