package io.replicationlab.reconcile;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.replicationlab.peers.PartitionTable;
import io.replicationlab.peers.PeerClient;
import io.replicationlab.peers.PeerDirectory;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.vclock.VersionVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Both ends of the delta exchange: serves the ops a peer lacks (in per-origin counter
 * order, paged) and receives batches (pulled or pushed), checking them whole before
 * applying them in one unit. Counts what travels.
 */
@Component
class DeltaExchange {

	private static final Logger log = LoggerFactory.getLogger(DeltaExchange.class);

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final ReconcileStore store;

	private final ReconcileMode mode;

	private final ShippingCounters counters;

	private final PeerClient peers;

	private final JsonMapper json;

	private final long pageBytes;

	DeltaExchange(PeerDirectory directory, PartitionTable partitions, ReconcileStore store, ReconcileMode mode,
			ShippingCounters counters, PeerClient peers, JsonMapper json, ReconcileProperties settings) {
		this.pageBytes = settings.pageBytes().toBytes();
		this.peers = peers;
		this.directory = directory;
		this.partitions = partitions;
		this.store = store;
		this.mode = mode;
		this.counters = counters;
		this.json = json;
	}

	/**
	 * The JSON of the page of ops this replica holds and {@code since} does not cover,
	 * for the requesting peer.
	 * @throws ClientProblem 403 for a requester that is no configured peer, 503 for one
	 * the partition cuts off, 400 for a bad vector or limit
	 */
	byte[] serve(String requester, String since, int limit) {
		requirePeer(requester, this.partitions::sendsTo);
		VersionVector theirs;
		try {
			theirs = VersionVector.parse(since);
		}
		catch (IllegalArgumentException ex) {
			throw ClientProblem.badRequest("bad-since", "Bad since",
					"since must be a version vector like r1:3,r2:5: " + ex.getMessage());
		}
		if (limit < 1 || limit > ReconcileProperties.MAX_PAGE_SIZE) {
			throw ClientProblem.badRequest("bad-paging", "Bad paging",
					"limit must be between 1 and " + ReconcileProperties.MAX_PAGE_SIZE + ", not " + limit);
		}
		VersionVector mine = this.store.vector();
		DeltaPage ops = withinBudget(this.store.opsIn(mine.missingFrom(theirs), limit, this.pageBytes));
		boolean more = ops.size() < mine.countMissingFrom(theirs);
		byte[] body = ops.batch(this.json, this.directory.self(), theirs.toString(), mine.toString(), more);
		if (!ops.isEmpty()) {
			this.counters.shipped(requester, ops.size(), body.length);
		}
		return body;
	}

	/** The longest prefix of the ops within {@code reconcile.page-bytes}, encoded. */
	DeltaPage withinBudget(List<ReconcileOp> ops) {
		return DeltaPage.within(this.json, ops, this.pageBytes);
	}

	/**
	 * Reads a batch a peer sent (or answered with).
	 * @throws BatchRejectedException when it is not a delta batch
	 */
	DeltaBatch read(String peer, byte[] body) {
		try {
			return this.json.readValue(body, DeltaBatch.class);
		}
		catch (JacksonException ex) {
			throw rejected(peer, BatchRejectedException.malformed("malformed batch: " + ex.getOriginalMessage()));
		}
	}

	/**
	 * Checks and applies a batch a peer sent (or answered with), all or nothing.
	 * @param bytes the size of the batch as received, for the counters
	 * @return how many of its ops were new here
	 * @throws BatchRejectedException when the batch is refused whole; nothing of it was
	 * applied
	 */
	int receive(String peer, DeltaBatch batch, int bytes) {
		try {
			List<ReconcileOp> ops = DeltaBatches.check(batch, this.directory);
			if (ops.isEmpty()) {
				return 0;
			}
			// the cut may have landed while this batch was on the wire: a batch from a
			// peer cut off now is not applied
			requirePeer(peer, this.partitions::receivesFrom);
			int fresh = this.mode.applyBatch(peer, ops);
			this.counters.received(peer, ops.size(), bytes);
			log.debug("Applied {} new of {} ops from {}", fresh, ops.size(), peer);
			return fresh;
		}
		catch (BatchRejectedException ex) {
			throw rejected(peer, ex);
		}
	}

	/**
	 * Ships fresh ops to a peer at once, counted like a pull; the caller handles
	 * failures.
	 */
	PeerClient.PeerResponse push(String peer, DeltaPage ops) {
		byte[] body = ops.batch(this.json, this.directory.self(), "", this.store.vector().toString(), false);
		PeerClient.PeerResponse response = this.peers.send(peer, "POST", "/internal/reconcile/deltas", body);
		this.counters.shipped(peer, ops.size(), body.length);
		return response;
	}

	/**
	 * Refuses a push from a replica that is not a configured peer, or whose data the
	 * partition keeps out.
	 */
	void requireReachablePeer(String requester) {
		requirePeer(requester, this.partitions::receivesFrom);
	}

	/**
	 * The partition is asked only about a configured peer: a request naming none (no
	 * header) is a 403, not a 500.
	 */
	private void requirePeer(String requester, Predicate<String> flows) {
		if (!this.directory.isPeer(requester)) {
			throw new ClientProblem(HttpStatus.FORBIDDEN, "unknown-replica", "Unknown replica",
					"The requesting replica '" + ((requester != null) ? requester : "") + "' is not a peer of "
							+ this.directory.self() + "; peers are " + this.directory.peerIds());
		}
		if (!flows.test(requester)) {
			throw new ClientProblem(HttpStatus.SERVICE_UNAVAILABLE, "partitioned", "Partitioned",
					"Replica " + this.directory.self() + " is cut off from " + requester + " by the partition in force",
					Map.of("partition", this.partitions.current().toString()));
		}
	}

	private static BatchRejectedException rejected(String peer, BatchRejectedException ex) {
		if (ex.malformed()) {
			log.warn("Rejected a delta batch from {}: {}", peer, ex.getMessage());
		}
		else {
			log.info("Rejected a delta batch from {}: {}", peer, ex.getMessage());
		}
		return ex;
	}

}
