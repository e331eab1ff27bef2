package io.replicationlab.cluster;

import io.replicationlab.mode.ModeRegistry;
import io.replicationlab.replica.Mode;
import io.replicationlab.system.ClientProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cluster}: the cluster seen from above, and the verifier. */
@RestController
@RequestMapping("/api/cluster")
@Tag(name = "Cluster", description = "Every replica side by side, and the properties each mode promises, checked")
class ClusterController {

	static final int MAX_QUIESCE_SECONDS = 60;

	private final ClusterObserver observer;

	private final ModeRegistry modes;

	ClusterController(ClusterObserver observer, ModeRegistry modes) {
		this.observer = observer;
		this.modes = modes;
	}

	@GetMapping
	@Operation(summary = "Every replica's summary side by side, and whether they diverge",
			description = "Reaches every replica whatever partition is imposed (partitions cut replication, not "
					+ "observation); a replica that does not answer is listed with reachable=false.")
	ClusterView view(@Parameter(description = "local, total-order or reconcile",
			example = "reconcile") @RequestParam String mode) {
		return this.observer.view(mode(mode));
	}

	@GetMapping("/verify")
	@Operation(summary = "Check the mode's properties over every replica's WAL and applied log",
			description = "Each property with holds true/false and, when false, a counterexample naming the replicas, "
					+ "op ids and positions. quiesce waits (up to 60 s) for replication to settle first.")
	Verification verify(
			@Parameter(description = "local, total-order or reconcile",
					example = "total-order") @RequestParam String mode,
			@Parameter(description = "Seconds to wait for replication to settle before judging, 0-60",
					example = "10") @RequestParam(defaultValue = "0") int quiesce) {
		Mode checked = mode(mode);
		if (quiesce < 0 || quiesce > MAX_QUIESCE_SECONDS) {
			throw ClientProblem.badRequest("bad-quiesce", "Bad quiesce",
					"quiesce must be between 0 and " + MAX_QUIESCE_SECONDS + " seconds, not " + quiesce);
		}
		return this.observer.verify(checked, quiesce);
	}

	private Mode mode(String mode) {
		return this.modes.require(mode).mode();
	}

}
