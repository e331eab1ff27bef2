package io.replicationlab.peers;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/cluster/partition}. */
@Schema(description = "Groups of replicas that keep talking to each other; replicas in different groups are cut off")
record PartitionRequest(
		@Schema(description = "Disjoint groups of replica ids; a replica in no group is alone",
				example = "[[\"r1\"], [\"r2\", \"r3\"]]") List<List<String>> groups,
		@Schema(description = "Optional: the replicas that still reach Kafka (all when absent)",
				example = "[\"r2\", \"r3\"]") List<String> kafka) {
}
