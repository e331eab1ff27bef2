package io.replicationlab.peers;

import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /internal/partition}: a peer passes on a partition command (cluster token required). */
@Hidden
@RestController
@RequestMapping("/internal/partition")
class InternalPartitionController {

	private static final Logger log = LoggerFactory.getLogger(InternalPartitionController.class);

	private final PartitionTable partitions;

	private final PeerDirectory directory;

	InternalPartitionController(PartitionTable partitions, PeerDirectory directory) {
		this.partitions = partitions;
		this.directory = directory;
	}

	@PutMapping
	Partition impose(@RequestBody PartitionRequest request) {
		Partition partition = PartitionRules.check(request.groups(), request.kafka(), this.directory);
		this.partitions.impose(partition);
		log.info("Partition {} imposed by a peer", partition);
		return partition;
	}

	@DeleteMapping
	Partition heal() {
		this.partitions.heal();
		log.info("Partition healed by a peer");
		return Partition.NONE;
	}

}
