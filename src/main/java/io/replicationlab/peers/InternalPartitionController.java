package io.replicationlab.peers;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/partition} (cluster token required): a peer passes on a stamped
 * partition command, or asks which one is in force here. A command older than the one in
 * force is ignored; the answer is always the one in force, so the sender learns of a
 * newer command it missed.
 */
@Hidden
@RestController
@RequestMapping("/internal/partition")
class InternalPartitionController {

	private final PartitionTable partitions;

	private final PeerDirectory directory;

	InternalPartitionController(PartitionTable partitions, PeerDirectory directory) {
		this.partitions = partitions;
		this.directory = directory;
	}

	@GetMapping
	Partition current() {
		return this.partitions.current();
	}

	@PutMapping
	Partition offer(@RequestBody Partition heard) {
		Partition checked = PartitionRules.check(heard.groups(), heard.links(), heard.kafka(), this.directory,
				heard.epoch(), heard.issuer());
		return this.partitions.offer(checked);
	}

}
