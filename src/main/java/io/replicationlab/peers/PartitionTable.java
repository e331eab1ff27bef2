package io.replicationlab.peers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.replicationlab.replica.ReplicaInfoContributor;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.replica.ReplicaView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The partition in force on this replica: the newest command
 * ({@link Partition#newerThan}) it has heard of. It lives in memory; a restarted replica
 * learns the one in force from its peers ({@link PartitionSync}) before it exchanges
 * anything.
 */
@Component
public class PartitionTable implements ReplicaInfoContributor {

	private static final Logger log = LoggerFactory.getLogger(PartitionTable.class);

	private final String self;

	private final AtomicReference<Partition> current = new AtomicReference<>(Partition.NONE);

	private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

	PartitionTable(ReplicaProperties replica) {
		this.self = replica.id();
	}

	public Partition current() {
		return this.current.get();
	}

	/**
	 * Issues a command here: the cut stamped one epoch above the newest known, by this
	 * replica.
	 */
	public Partition impose(Partition partition) {
		while (true) {
			Partition now = this.current.get();
			Partition stamped = partition.stamped(now.epoch() + 1, this.self);
			if (this.current.compareAndSet(now, stamped)) {
				changed();
				return stamped;
			}
		}
	}

	public Partition heal() {
		return impose(Partition.NONE);
	}

	/**
	 * Adopts a command heard from a peer if it is newer than the one in force.
	 * @return the partition in force afterwards
	 */
	Partition offer(Partition heard) {
		Partition result = this.current.accumulateAndGet(heard,
				(now, candidate) -> candidate.newerThan(now) ? candidate : now);
		if (result == heard) {
			log.info("Partition {} (epoch {} from {}) now in force", describe(heard), heard.epoch(), heard.issuer());
			changed();
		}
		return result;
	}

	/**
	 * Runs the listener (quickly: on the thread that changed the partition) whenever a
	 * new partition command comes in force here, so that replication can catch up at once
	 * (a heal reveals what the other side wrote meanwhile) instead of at its next round.
	 */
	public void onChange(Runnable listener) {
		this.changeListeners.add(listener);
	}

	private void changed() {
		this.changeListeners.forEach(Runnable::run);
	}

	/**
	 * Whether replication traffic flows both ways between this replica and the peer now.
	 */
	public boolean reaches(String peer) {
		return current().connects(this.self, peer);
	}

	/**
	 * Whether data from the peer may be taken in now (pulled from it, or accepted when it
	 * pushes).
	 */
	public boolean receivesFrom(String peer) {
		return current().flows(peer, this.self);
	}

	/**
	 * Whether data may go from this replica to the peer now (served to its pull, or
	 * pushed to it).
	 */
	public boolean sendsTo(String peer) {
		return current().flows(this.self, peer);
	}

	/** Whether this replica may publish to and consume from Kafka now. */
	public boolean reachesKafka() {
		return current().reachesKafka(this.self);
	}

	@Override
	public void contribute(Map<String, Object> sections) {
		sections.put(ReplicaView.PARTITION, current());
	}

	private static String describe(Partition partition) {
		return partition.healed() ? "healed"
				: "groups " + partition.groups() + ", cut links " + partition.links() + ", kafka " + partition.kafka();
	}

}
