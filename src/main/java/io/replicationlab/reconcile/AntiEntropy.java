package io.replicationlab.reconcile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.peers.PeerClient;
import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.peers.PeerUnreachableException;
import io.replicationlab.worker.Worker;
import io.replicationlab.worker.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pulls, every {@code reconcile.pull-interval}, what this replica lacks from each peer it reaches: asks with
 * {@code since=} its own version vector, applies the page, asks again with the advanced vector until the peer has
 * nothing more. Peers are asked one after another, each with the vector the previous ones advanced, so an op is
 * shipped to this replica once even when several peers hold it. A round in which nothing is missing ships no op
 * data, only an empty page.
 */
@Component
class AntiEntropy implements SmartLifecycle {

	static final int MAX_PAGES_PER_ROUND = 100;

	private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);

	private final ReconcileProperties settings;

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final PeerClient peers;

	private final ReconcileStore store;

	private final DeltaExchange exchange;

	private volatile ScheduledExecutorService scheduler;

	private final Worker worker;

	AntiEntropy(ReconcileProperties settings, PeerDirectory directory, PartitionTable partitions, PeerClient peers,
			ReconcileStore store, DeltaExchange exchange, Workers workers) {
		this.worker = workers.register("reconcile-pull", false);
		this.settings = settings;
		this.directory = directory;
		this.partitions = partitions;
		this.peers = peers;
		this.store = store;
		this.exchange = exchange;
	}

	void round() {
		for (String peer : this.directory.peerIds()) {
			if (this.partitions.receivesFrom(peer)) {
				try {
					pullFrom(peer);
				}
				catch (PeerUnreachableException ex) {
					log.debug("Pull from {} skipped: {}", peer, ex.getMessage());
				}
				catch (BatchRejectedException ex) {
					// logged by the exchange; the next round asks again
				}
				catch (Throwable ex) {
					// an Error too: a task a scheduled executor sees throw is never run again, so none escapes
					this.worker.unitFailed(ex);
					log.warn("Pull from {} failed", peer, ex);
				}
			}
		}
	}

	private void pullFrom(String peer) {
		for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
			String since = URLEncoder.encode(this.store.vector().toString(), StandardCharsets.UTF_8);
			PeerClient.PeerResponse response = this.peers.send(peer, "GET",
					"/internal/reconcile/deltas?since=" + since + "&limit=" + this.settings.pageSize(), null);
			if (!response.ok()) {
				log.debug("Pull from {} refused with {}: {}", peer, response.status(), response.text());
				return;
			}
			DeltaBatch batch = this.exchange.read(peer, response.body());
			if (batch.ops() != null && batch.ops().isEmpty()) {
				return;
			}
			this.exchange.receive(peer, batch, response.body().length);
			if (!batch.more()) {
				return;
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "reconcile-pull");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.settings.pullInterval().toMillis();
		executor.scheduleWithFixedDelay(() -> this.worker.survive(this::round), interval, interval,
				TimeUnit.MILLISECONDS);
		this.scheduler = executor;
		this.worker.running();
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		this.worker.stopped();
		if (executor != null) {
			executor.shutdownNow();
			try {
				executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
