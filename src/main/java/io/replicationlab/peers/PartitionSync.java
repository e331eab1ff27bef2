package io.replicationlab.peers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's partition the cluster's one truth: at start, before any replication loop runs (lowest phase),
 * it asks every peer for the partition in force and adopts the newest, so a replica restarted during a partition does
 * not come back healed; then it asks again every {@value #INTERVAL_SECONDS} s, so a replica that missed a command
 * (down, paused, its fan-out lost) catches up.
 */
@Component
class PartitionSync implements SmartLifecycle {

	static final int INTERVAL_SECONDS = 2;

	private static final Logger log = LoggerFactory.getLogger(PartitionSync.class);

	private final PartitionTable partitions;

	private final PeerDirectory directory;

	private final PeerClient peers;

	private final JsonMapper json;

	private volatile ScheduledExecutorService scheduler;

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

	@Override
	public void start() {
		round();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "partition-sync");
			thread.setDaemon(true);
			return thread;
		});
		long interval = Duration.ofSeconds(INTERVAL_SECONDS).toMillis();
		executor.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
