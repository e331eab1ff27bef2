package io.replicationlab.peers;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a partition command: the partition now in force and where it was applied.
 *
 * @param applied the replicas that applied it (this one first)
 * @param unreachable the replicas that could not be told, with the reason; they keep their former partition
 */
@Schema(description = "The partition now in force, the replicas that applied it and the ones that could not be told")
record PartitionChange(Partition partition, List<String> applied, Map<String, String> unreachable) {
}
