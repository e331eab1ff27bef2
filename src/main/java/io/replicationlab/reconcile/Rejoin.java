package io.replicationlab.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.system.ClientProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Keeps a replica from reusing dots it issued in an earlier life. A replica whose data directory was lost starts with
 * its own entry of the version vector at 0 and would count its dots from 1 again, naming new writes with dots its
 * peers already hold for other writes (the Riak vector-clock hazard): the peers would refuse those ops forever and the
 * new writes would be lost to them.
 * <p>
 * So a replica with peers whose own vector entry is 0 accepts no {@code reconcile} client write until it has
 * completed one pull from a peer: anti-entropy ships ops of every origin, its own earlier ones included, so after that
 * pull its own entry is past every counter that peer knows it issued. Until then a write waits briefly for that pull,
 * then gets a 503 problem; reads are served, and readiness stays UP. A replica that holds writes of its own in its WAL
 * (entry above 0) or has no peers is never held back. Invariant: once caught up, it stays caught up until restart.
 * <p>
 * Limit: one peer is enough. Writes of the earlier life that no reachable peer had pulled before the data was lost
 * are gone with it, and a dot of theirs could be reused if the one peer asked lacked them while another holds them.
 */
@Component
class Rejoin {

	private static final Logger log = LoggerFactory.getLogger(Rejoin.class);

	private final String self;

	private final boolean hasPeers;

	private final ReconcileStore store;

	private final Duration wait;

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	Rejoin(PeerDirectory directory, ReconcileStore store, ReconcileProperties settings) {
		this.self = directory.self();
		this.hasPeers = !directory.peerIds().isEmpty();
		this.store = store;
		this.wait = settings.pullInterval().multipliedBy(3);
	}

	/** Called by anti-entropy once a pull from {@code peer} ran until the peer had nothing more. */
	void pulledFrom(String peer) {
		if (this.caughtUp.getCount() > 0) {
			this.caughtUp.countDown();
			log.info("Caught up with {}: reconcile writes accepted (own vector entry {})", peer,
					this.store.vector().get(this.self));
		}
	}

	/** Whether client writes may take a new dot now. */
	boolean caughtUp() {
		return this.caughtUp.getCount() == 0 || !this.hasPeers || this.store.vector().get(this.self) > 0;
	}

	/**
	 * Returns when a client write may take a new dot; waits a few pull intervals for the first pull.
	 * @throws ClientProblem 503 while this replica is still catching up on its own earlier writes
	 */
	void requireCaughtUp() {
		if (caughtUp()) {
			return;
		}
		try {
			if (this.caughtUp.await(this.wait.toMillis(), TimeUnit.MILLISECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new ClientProblem(HttpStatus.SERVICE_UNAVAILABLE, "rejoining",
				"Rejoining: catching up on my own earlier writes from peers",
				"Replica " + this.self + " holds no reconcile write of its own (its data may have been lost) and has not "
						+ "yet pulled from a peer, so it cannot tell which dots it issued before; it accepts reconcile "
						+ "writes once one pull from a peer has completed. Reads are served meanwhile; retry shortly.",
				Map.of("replica", this.self));
	}

}
