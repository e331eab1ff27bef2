package io.replicationlab.peers;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a partition command: the partition now in force and where it was applied.
 *
 * @param partition the partition in force here after telling the peers (the command,
 * unless a newer one won)
 * @param applied the replicas that were told (this one first)
 * @param unreachable the replicas that could not be told, with the reason; they learn it
 * from their peers
 * @param superseded whether a command issued at the same time elsewhere won over this one
 */
@Schema(description = "The partition now in force, the replicas that applied it and the ones that could not be told")
record PartitionChange(Partition partition, List<String> applied, Map<String, String> unreachable, boolean superseded) {
}
