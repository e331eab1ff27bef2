package io.replicationlab.peers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/cluster/partition}: cut replication traffic between groups of replicas, or heal. Any replica accepts
 * the command, applies it, and passes it to every peer over {@code /internal/partition} (whatever the partition in
 * force: the command must reach the replicas it cuts off too).
 */
@RestController
@RequestMapping("/api/cluster/partition")
@Tag(name = "Cluster", description = "The cluster as a whole: partitions")
class PartitionController {

	private static final Logger log = LoggerFactory.getLogger(PartitionController.class);

	private final PartitionTable partitions;

	private final PeerDirectory directory;

	private final PeerClient peers;

	private final JsonMapper json;

	PartitionController(PartitionTable partitions, PeerDirectory directory, PeerClient peers, JsonMapper json) {
		this.partitions = partitions;
		this.directory = directory;
		this.peers = peers;
		this.json = json;
	}

	@PostMapping
	@Operation(summary = "Partition the cluster",
			description = "Replicas in different groups stop exchanging replication traffic, in both directions; a "
					+ "replica in no group is alone. With `kafka`, only the replicas listed keep publishing to and "
					+ "consuming from Kafka. Applied here and on every peer that can be told; the others are listed "
					+ "under `unreachable`.")
	@ApiResponse(responseCode = "200", description = "Applied here, and on the peers listed under applied")
	@ApiResponse(responseCode = "400", description = "Unknown replica id, a replica named twice, an empty group")
	PartitionChange partition(@RequestBody PartitionRequest request) {
		Partition partition = PartitionRules.check(request.groups(), request.kafka(), this.directory);
		this.partitions.impose(partition);
		log.info("Partition {} imposed here; telling the peers", partition);
		return fanOut(partition, "PUT", this.json.writeValueAsString(partition).getBytes(StandardCharsets.UTF_8));
	}

	@DeleteMapping
	@Operation(summary = "Heal the cluster", description = "Every replica reaches every other one and Kafka again; "
			+ "applied here and on every peer that can be told.")
	@ApiResponse(responseCode = "200", description = "Healed here, and on the peers listed under applied")
	PartitionChange heal() {
		this.partitions.heal();
		log.info("Partition healed here; telling the peers");
		return fanOut(Partition.NONE, "DELETE", null);
	}

	private PartitionChange fanOut(Partition partition, String method, byte[] body) {
		List<String> applied = new ArrayList<>(List.of(this.directory.self()));
		Map<String, String> unreachable = new LinkedHashMap<>();
		for (String peer : this.directory.peerIds()) {
			try {
				PeerClient.PeerResponse response = this.peers.control(peer, method, "/internal/partition", body);
				if (response.ok()) {
					applied.add(peer);
				}
				else {
					unreachable.put(peer, "answered " + response.status() + ": " + response.text());
				}
			}
			catch (PeerUnreachableException ex) {
				unreachable.put(peer, ex.getMessage());
			}
		}
		if (!unreachable.isEmpty()) {
			log.warn("Partition {} not applied on {}", partition, unreachable);
		}
		return new PartitionChange(partition, applied, unreachable);
	}

}
