package io.replicationlab.peers;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/cluster/partition}. */
@Schema(description = "Groups of replicas that keep talking to each other, and one-way cuts; replicas in different "
		+ "groups are cut off both ways")
record PartitionRequest(
		@Schema(description = "Disjoint groups of replica ids; a replica in no group is alone. Optional when links are "
				+ "given", example = "[[\"r1\"], [\"r2\", \"r3\"]]") List<List<String>> groups,
		@Schema(description = "Optional: directed links to cut; data from 'from' no longer reaches 'to'",
				example = "[{\"from\": \"r1\", \"to\": \"r2\"}]") List<Link> links,
		@Schema(description = "Optional: the replicas that still reach Kafka (all when absent)",
				example = "[\"r2\", \"r3\"]") List<String> kafka) {
}
