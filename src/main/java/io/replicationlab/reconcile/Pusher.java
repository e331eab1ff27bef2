package io.replicationlab.reconcile;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.peers.PeerClient;
import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.peers.PeerUnreachableException;
import io.replicationlab.vclock.Dot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes a fresh client write to every reachable peer at once ({@code reconcile.push}), to cut convergence time. Best
 * effort, off the request thread: a peer that is down, cut off, or lacks earlier ops (it refuses the gap) gets the
 * write from its next pull instead.
 */
@Component
class Pusher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Pusher.class);

	private final ReconcileProperties settings;

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final ReconcileStore store;

	private final DeltaExchange exchange;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "reconcile-push");
		thread.setDaemon(true);
		return thread;
	});

	Pusher(ReconcileProperties settings, PeerDirectory directory, PartitionTable partitions, ReconcileStore store,
			DeltaExchange exchange) {
		this.settings = settings;
		this.directory = directory;
		this.partitions = partitions;
		this.store = store;
		this.exchange = exchange;
	}

	@EventListener
	void pushLater(ReconcileMode.FreshWrite write) {
		Dot dot = write.dot();
		if (!this.settings.push()) {
			return;
		}
		try {
			this.executor.execute(() -> push(dot));
		}
		catch (RejectedExecutionException ex) {
			log.debug("Push of {} skipped: shutting down", dot);
		}
	}

	private void push(Dot dot) {
		ReconcileOp op = this.store.find(dot).orElse(null);
		if (op == null) {
			return;
		}
		for (String peer : this.directory.peerIds()) {
			if (!this.partitions.reaches(peer)) {
				continue;
			}
			try {
				PeerClient.PeerResponse response = this.exchange.push(peer, List.of(op));
				if (!response.ok()) {
					log.debug("Push of {} to {} refused with {}: {}", dot, peer, response.status(), response.text());
				}
			}
			catch (PeerUnreachableException ex) {
				log.debug("Push of {} to {} failed: {}", dot, peer, ex.getMessage());
			}
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
