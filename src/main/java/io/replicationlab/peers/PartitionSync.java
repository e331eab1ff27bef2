package io.replicationlab.peers;

import java.time.Duration;

import io.replicationlab.worker.Worker;
import io.replicationlab.worker.WorkerLifecycle;
import io.replicationlab.worker.WorkerLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Keeps this replica's partition the cluster's one truth: at start, before any
 * replication loop runs (lowest phase), it asks every peer for the partition in force and
 * adopts the newest, so a replica restarted during a partition does not come back healed;
 * then it asks again every {@value #INTERVAL_SECONDS} s, so a replica that missed a
 * command (down, paused, its fan-out lost) catches up.
 */
@Component
class PartitionSync implements WorkerLifecycle {

	static final int INTERVAL_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(PartitionSync.class);

	private final PartitionTable partitions;

	private final PeerDirectory directory;

	private final PeerClient peers;

	private final JsonMapper json;

	/**
	 * Not in the {@code workers} health component: a missed round only delays what the
	 * next one learns.
	 */
	private final WorkerLoop loop = WorkerLoop.of(Worker.standalone("partition-sync"), this::syncRound)
		.interruptOnStop()
		.build();

	PartitionSync(PartitionTable partitions, PeerDirectory directory, PeerClient peers, JsonMapper json) {
		this.partitions = partitions;
		this.directory = directory;
		this.peers = peers;
		this.json = json;
	}

	void round() {
		for (String peer : this.directory.peerIds()) {
			try {
				PeerClient.PeerResponse response = this.peers.control(peer, "GET", "/internal/partition", null);
				if (response.ok()) {
					this.partitions.offer(this.json.readValue(response.body(), Partition.class));
				}
			}
			catch (PeerUnreachableException ex) {
				log.debug("Partition not learned from {}: {}", peer, ex.getMessage());
			}
			catch (RuntimeException ex) {
				log.warn("Partition from {} unreadable", peer, ex);
			}
		}
	}

	private void syncRound() {
		this.loop.idle(Duration.ofSeconds(INTERVAL_SECONDS));
		if (this.loop.isRunning()) {
			round();
		}
	}

	@Override
	public WorkerLoop workerLoop() {
		return this.loop;
	}

	@Override
	public void start() {
		round();
		WorkerLifecycle.super.start();
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
