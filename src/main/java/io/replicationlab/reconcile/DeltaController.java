package io.replicationlab.reconcile;

import java.util.Map;

import io.replicationlab.system.ClientProblem;
import io.replicationlab.system.ClusterTokenFilter;
import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/reconcile/deltas}: the replica-to-replica delta exchange (cluster
 * token required, see {@link ClusterTokenFilter}). The requester names itself in
 * {@value ClusterTokenFilter#REPLICA_HEADER}; a replica the partition cuts it off from
 * refuses, so a cut holds in both directions.
 */
@Hidden
@RestController
@RequestMapping("/internal/reconcile/deltas")
class DeltaController {

	private final DeltaExchange exchange;

	private final ReconcileProperties settings;

	private final AntiEntropy antiEntropy;

	DeltaController(DeltaExchange exchange, ReconcileProperties settings, AntiEntropy antiEntropy) {
		this.exchange = exchange;
		this.antiEntropy = antiEntropy;
		this.settings = settings;
	}

	/**
	 * The ops this replica holds that {@code since} does not cover, in per-origin counter
	 * order, paged.
	 */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> deltas(
			@RequestHeader(name = ClusterTokenFilter.REPLICA_HEADER, required = false) String requester,
			@RequestParam(defaultValue = "") String since, @RequestParam(required = false) Integer limit) {
		byte[] body = this.exchange.serve(requester, since, (limit != null) ? limit : this.settings.pageSize());
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	/**
	 * A peer pushes fresh ops; refused whole (4xx) when malformed, forged, gapped or
	 * contradicting.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> push(
			@RequestHeader(name = ClusterTokenFilter.REPLICA_HEADER, required = false) String requester,
			@RequestBody byte[] body) {
		this.exchange.requireReachablePeer(requester);
		try {
			int fresh = this.exchange.receive(requester, this.exchange.read(requester, body), body.length);
			return Map.of("applied", fresh);
		}
		catch (BatchRejectedException ex) {
			if (!ex.malformed()) {
				// a gap (ops this replica lacks before the pushed ones): fetch them now,
				// not at the next round
				this.antiEntropy.pullSoon();
			}
			throw new ClientProblem(ex.malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT,
					ex.malformed() ? "bad-delta-batch" : "conflicting-delta-batch", "Delta batch rejected",
					ex.getMessage() + "; nothing of the batch was applied");
		}
	}

}
