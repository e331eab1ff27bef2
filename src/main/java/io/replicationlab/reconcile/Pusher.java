package io.replicationlab.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.peers.PeerClient;
import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.peers.PeerUnreachableException;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.DotRange;
import io.replicationlab.worker.WorkerLoop;
import io.replicationlab.worker.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pushes a fresh client write to every reachable peer at once ({@code reconcile.push}),
 * to cut convergence time. Best effort, off the request thread: a peer that is down, cut
 * off, or lacks earlier ops (it refuses the gap) gets the write from its next pull
 * instead.
 * <p>
 * Writes that arrive while a push is under way are pushed together, as one batch of this
 * replica's consecutive ops per peer (read back from the WAL, so the batch has no gap):
 * one push per write made the push queue grow without bound under load, so that pushes
 * reached peers long after the pulls had shipped the same ops.
 */
@Component
class Pusher implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Pusher.class);

	/**
	 * How long the loop waits for a wake-up before it looks at the pending writes anyway.
	 */
	private static final Duration QUIET = Duration.ofSeconds(1);

	private final ReconcileProperties settings;

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final ReconcileStore store;

	private final DeltaExchange exchange;

	/** Fresh writes not pushed yet. */
	private final BlockingQueue<Dot> pending = new LinkedBlockingQueue<>();

	/**
	 * Pushes when woken up by a fresh write; from bean creation to destruction, as the
	 * writes may come.
	 */
	private final WorkerLoop loop;

	Pusher(ReconcileProperties settings, PeerDirectory directory, PartitionTable partitions, ReconcileStore store,
			DeltaExchange exchange, Workers workers) {
		// a failed push loses nothing (the peers pull what they lack); the loop goes on
		this.loop = WorkerLoop.of(workers.register("reconcile-push", false), this::pushRound).interruptOnStop().build();
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
		if (!this.loop.isRunning()) {
			log.debug("Push of {} skipped: shutting down", dot);
			return;
		}
		this.pending.add(dot);
		this.loop.wakeUp();
	}

	private void pushRound() {
		this.loop.idle(QUIET);
		pushPending();
	}

	/**
	 * Pushes every write waiting (none when an earlier run took them), as one batch per
	 * peer.
	 */
	private void pushPending() {
		List<Dot> dots = new ArrayList<>();
		this.pending.drainTo(dots);
		if (dots.isEmpty()) {
			return;
		}
		long first = dots.stream().mapToLong(Dot::counter).min().getAsLong();
		long last = dots.stream().mapToLong(Dot::counter).max().getAsLong();
		String self = dots.get(0).replica();
		// pages bounded by count and by bytes, each continuing after the last op the
		// previous one carried
		for (long from = first - 1; from < last;) {
			DeltaPage ops = this.exchange.withinBudget(this.store.opsIn(List.of(new DotRange(self, from, last)),
					ReconcileProperties.MAX_PAGE_SIZE, this.settings.pageBytes().toBytes()));
			if (ops.isEmpty()) {
				return;
			}
			push(ops);
			from = ops.last().counter();
		}
	}

	private void push(DeltaPage ops) {
		for (String peer : this.directory.peerIds()) {
			if (!this.partitions.sendsTo(peer)) {
				continue;
			}
			try {
				PeerClient.PeerResponse response = this.exchange.push(peer, ops);
				if (!response.ok()) {
					log.debug("Push of {} ops to {} refused with {}: {}", ops.size(), peer, response.status(),
							response.text());
				}
			}
			catch (PeerUnreachableException ex) {
				log.debug("Push of {} ops to {} failed: {}", ops.size(), peer, ex.getMessage());
			}
		}
	}

	@Override
	public void afterPropertiesSet() {
		this.loop.start();
	}

	@Override
	public void destroy() {
		this.loop.stop(Duration.ofSeconds(5));
	}

}
