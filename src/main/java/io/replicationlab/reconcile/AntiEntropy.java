package io.replicationlab.reconcile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.peers.PeerClient;
import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.peers.PeerUnreachableException;
import io.replicationlab.worker.Worker;
import io.replicationlab.worker.WorkerLifecycle;
import io.replicationlab.worker.WorkerLoop;
import io.replicationlab.worker.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Pulls, every {@code reconcile.pull-interval}, what this replica lacks from each peer it
 * reaches: asks with {@code since=} its own version vector, applies the page, asks again
 * with the advanced vector until the peer has nothing more. Peers are asked one after
 * another, each with the vector the previous ones advanced, so an op is shipped to this
 * replica once even when several peers hold it. A round in which nothing is missing ships
 * no op data, only an empty page.
 * <p>
 * Besides the rounds every interval, a round runs at once ({@link #pullSoon}) when a
 * partition command comes in force (a heal reveals what the other side wrote meanwhile),
 * when a peer's push was refused for a gap, and when a round stopped at its page limit
 * while the peer still had more: waiting for the next round added up to one interval to
 * every convergence. Such wake-ups before a round count as one. A heal reaches the
 * replicas one after another, so the round it starts here may ask a peer that still holds
 * the partition in force and refuses: after a partition change, a round in which a peer
 * refused or could not be reached is run again after {@link #RETRY_AFTER_REFUSAL}, a
 * bounded number of times, instead of a whole interval later.
 */
@Component
class AntiEntropy implements WorkerLifecycle {

	static final int MAX_PAGES_PER_ROUND = 100;

	/**
	 * Short: the heal reaches the peers a few milliseconds after the replica that took
	 * the command, which pulls at once and may be refused by peers not told yet; with 200
	 * ms its whole catch-up could start 200 ms late, against ~700 ms for an N=1000 heal.
	 * A refused request costs one small HTTP exchange.
	 */
	static final Duration RETRY_AFTER_REFUSAL = Duration.ofMillis(50);

	/** How many quick retries a partition change allows (a few seconds' worth). */
	static final int RETRIES_AFTER_CHANGE = 100;

	private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);

	private final ReconcileProperties settings;

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final PeerClient peers;

	private final ReconcileStore store;

	private final DeltaExchange exchange;

	private final Worker worker;

	private final WorkerLoop loop;

	/** Quick retries left since the last partition change. */
	private volatile int retriesLeft;

	/**
	 * Whether a peer refused or could not be reached in the last round; the loop's thread
	 * only.
	 */
	private boolean refused;

	AntiEntropy(ReconcileProperties settings, PeerDirectory directory, PartitionTable partitions, PeerClient peers,
			ReconcileStore store, DeltaExchange exchange, Workers workers) {
		this.worker = workers.register("reconcile-pull", false);
		// stopping interrupts a pull in flight, as the replica shuts down
		this.loop = WorkerLoop.of(this.worker, this::pullRound).interruptOnStop().build();
		this.settings = settings;
		this.directory = directory;
		this.partitions = partitions;
		this.peers = peers;
		this.store = store;
		this.exchange = exchange;
		partitions.onChange(this::partitionChanged);
	}

	private void partitionChanged() {
		this.retriesLeft = RETRIES_AFTER_CHANGE;
		pullSoon();
	}

	/** Runs a round as soon as the puller is free, besides the periodic ones. */
	void pullSoon() {
		this.loop.wakeUp();
	}

	private void pullRound() {
		Duration wait = this.settings.pullInterval();
		if (this.refused && this.retriesLeft > 0) {
			this.retriesLeft--;
			wait = (RETRY_AFTER_REFUSAL.compareTo(wait) < 0) ? RETRY_AFTER_REFUSAL : wait;
		}
		this.loop.idle(wait);
		if (this.loop.isRunning()) {
			this.refused = false;
			round();
		}
	}

	void round() {
		for (String peer : this.directory.peerIds()) {
			if (this.partitions.receivesFrom(peer)) {
				try {
					pullFrom(peer);
				}
				catch (PeerUnreachableException ex) {
					this.refused = true;
					log.debug("Pull from {} skipped: {}", peer, ex.getMessage());
				}
				catch (BatchRejectedException ex) {
					// logged by the exchange; the next round asks again
				}
				catch (Throwable ex) {
					// an Error too: one peer's failure must not skip the pulls from the
					// others
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
				this.refused = true;
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
		pullSoon();
	}

	@Override
	public WorkerLoop workerLoop() {
		return this.loop;
	}

}
