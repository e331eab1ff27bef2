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
 * {@code /api/cluster/partition}: cut replication traffic between groups of replicas or
 * along one-way links, or heal. Any replica accepts the command, stamps it with the next
 * epoch, applies it, and passes it to every peer over {@code /internal/partition}
 * (whatever the partition in force: the command must reach the replicas it cuts off too).
 * Each peer keeps the newest command it has heard of and answers with it, so a command
 * that lost to a concurrent one is replaced here too.
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
					+ "replica in no group is alone. Each of `links` cuts one direction only: data from `from` no "
					+ "longer reaches `to` (neither pulled by `to` nor pushed by `from`), while the other direction "
					+ "still flows. With `kafka`, only the replicas listed keep publishing to and consuming from Kafka. "
					+ "The command is stamped with the next epoch; when two commands race, every replica ends with "
					+ "the one with the higher (epoch, issuer). Applied here and on every peer that can be told; the "
					+ "others are listed under `unreachable` and learn it from their peers within seconds.")
	@ApiResponse(responseCode = "200", description = "Applied here, and on the peers listed under applied")
	@ApiResponse(responseCode = "400", description = "Unknown replica id, a replica named twice, an empty group, "
			+ "a link from a replica to itself")
	PartitionChange partition(@RequestBody PartitionRequest request) {
		Partition partition = PartitionRules.check(request.groups(), request.links(), request.kafka(), this.directory);
		Partition stamped = this.partitions.impose(partition);
		log.info("Partition {} imposed here at epoch {}; telling the peers", stamped, stamped.epoch());
		return fanOut(stamped);
	}

	@DeleteMapping
	@Operation(summary = "Heal the cluster",
			description = "Every replica reaches every other one and Kafka again; "
					+ "stamped and passed on like a partition.")
	@ApiResponse(responseCode = "200", description = "Healed here, and on the peers listed under applied")
	PartitionChange heal() {
		Partition stamped = this.partitions.heal();
		log.info("Partition healed here at epoch {}; telling the peers", stamped.epoch());
		return fanOut(stamped);
	}

	private PartitionChange fanOut(Partition stamped) {
		byte[] body = this.json.writeValueAsString(stamped).getBytes(StandardCharsets.UTF_8);
		List<String> applied = new ArrayList<>(List.of(this.directory.self()));
		Map<String, String> unreachable = new LinkedHashMap<>();
		for (String peer : this.directory.peerIds()) {
			try {
				PeerClient.PeerResponse response = this.peers.control(peer, "PUT", "/internal/partition", body);
				if (response.ok()) {
					applied.add(peer);
					// the peer answers with the command in force there: a newer one wins
					// here too
					this.partitions.offer(this.json.readValue(response.body(), Partition.class));
				}
				else {
					unreachable.put(peer, "answered " + response.status() + ": " + response.text());
				}
			}
			catch (PeerUnreachableException ex) {
				unreachable.put(peer, ex.getMessage());
			}
			catch (RuntimeException ex) {
				unreachable.put(peer, "unreadable answer: " + ex.getMessage());
			}
		}
		if (!unreachable.isEmpty()) {
			log.warn("Partition {} not applied on {}", stamped, unreachable);
		}
		Partition inForce = this.partitions.current();
		return new PartitionChange(inForce, applied, unreachable, !inForce.equals(stamped));
	}

}
