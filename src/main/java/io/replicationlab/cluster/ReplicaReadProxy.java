package io.replicationlab.cluster;

import java.util.List;

import io.replicationlab.replica.Mode;
import io.replicationlab.system.ClientProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cluster/replicas/{id}/...}: another replica's client read endpoints,
 * read by this replica on behalf of a browser that cannot reach it (under docker-compose
 * and Kubernetes the peers' URLs are names only the cluster resolves). GET only, and only
 * the reads the dashboard polls, so it relays nothing that changes state and can reach
 * neither {@code /internal/**} nor anything but the configured replicas. It sends no
 * cluster token (the endpoints it reads need none) and relays the answer's status,
 * content type and body only. Like {@code GET /api/cluster} it ignores the partition in
 * force: a partition cuts replication, not the user's view.
 */
@RestController
@RequestMapping("/api/cluster/replicas/{id}/api")
@Tag(name = "Cluster", description = "Every replica side by side, and the properties each mode promises, checked")
class ReplicaReadProxy {

	private final ClusterMembers members;

	private final ReplicaClient client;

	ReplicaReadProxy(ClusterMembers members, ReplicaClient client) {
		this.members = members;
		this.client = client;
	}

	@GetMapping("/replica")
	@Operation(summary = "Another replica's GET /api/replica, read through this one",
			description = "For a browser that reaches this replica but not the others. 404 unknown-member for an id "
					+ "that is not in the cluster, 502 replica-unreachable when this replica gets no answer.")
	ResponseEntity<byte[]> replica(
			@Parameter(description = "A replica id of this cluster", example = "r2") @PathVariable String id) {
		return relay(id, List.of("api", "replica"), null);
	}

	@GetMapping("/replica/{log:wal|applied}")
	@Operation(summary = "Another replica's WAL or applied log page, read through this one",
			description = "Same query parameters as /api/replica/wal and /api/replica/applied (mode, after, limit).")
	ResponseEntity<byte[]> log(@PathVariable String id, @PathVariable String log,
			@RequestParam MultiValueMap<String, String> query) {
		return relay(id, List.of("api", "replica", log), query);
	}

	@GetMapping("/replica/ops/{opId}")
	@Operation(summary = "An op's status on another replica, read through this one")
	ResponseEntity<byte[]> op(@PathVariable String id, @PathVariable String opId) {
		return relay(id, List.of("api", "replica", "ops", opId), null);
	}

	@GetMapping("/{mode}/kv")
	@Operation(summary = "Another replica's state in a mode, read through this one",
			description = "Same query parameters as /api/{mode}/kv.")
	ResponseEntity<byte[]> state(@PathVariable String id,
			@Parameter(description = "local, total-order or reconcile",
					example = "reconcile") @PathVariable String mode,
			@RequestParam MultiValueMap<String, String> query) {
		Mode known = Mode.fromPathSegment(mode)
			.orElseThrow(() -> ClientProblem.notFound("unknown-mode", "Unknown mode",
					"Unknown mode '" + mode + "': local, total-order or reconcile"));
		return relay(id, List.of("api", known.pathSegment(), "kv"), query);
	}

	private ResponseEntity<byte[]> relay(String id, List<String> path, MultiValueMap<String, String> query) {
		Member member = this.members.all()
			.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow(() -> ClientProblem.notFound("unknown-member", "Unknown replica",
					"No replica '" + id + "' in this cluster: GET /api/replica lists this replica and its peers"));
		return this.client.relay(member, path, query);
	}

}
