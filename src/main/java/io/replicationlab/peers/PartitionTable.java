package io.replicationlab.peers;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.replicationlab.replica.ReplicaInfoContributor;
import io.replicationlab.replica.ReplicaProperties;

import org.springframework.stereotype.Component;

/**
 * The partition in force on this replica. It lives in memory: a restarted replica starts healed, as a real network
 * heals when a machine reboots behind it.
 */
@Component
public class PartitionTable implements ReplicaInfoContributor {

	private final String self;

	private final AtomicReference<Partition> current = new AtomicReference<>(Partition.NONE);

	PartitionTable(ReplicaProperties replica) {
		this.self = replica.id();
	}

	public Partition current() {
		return this.current.get();
	}

	public void impose(Partition partition) {
		this.current.set(partition);
	}

	public void heal() {
		this.current.set(Partition.NONE);
	}

	/** Whether this replica may exchange replication traffic with the peer now. */
	public boolean reaches(String peer) {
		return current().connects(this.self, peer);
	}

	/** Whether this replica may publish to and consume from Kafka now. */
	public boolean reachesKafka() {
		return current().reachesKafka(this.self);
	}

	@Override
	public void contribute(Map<String, Object> info) {
		info.put("partition", current());
	}

}
