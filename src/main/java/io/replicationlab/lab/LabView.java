package io.replicationlab.lab;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The whole lab as {@code GET /api/lab} shows it.
 *
 * @param supervisorPid the OS process id of the lab supervisor (the parent of every
 * process listed)
 * @param supervisorUrl where the supervisor serves the lab controls itself
 * @param bootstrapServers the broker's bootstrap address, as every replica is given it
 * @param dataDir the lab's data directory
 * @param processes the broker first, then the replicas in id order
 */
@Schema(description = "The lab's processes: the Kafka broker and the replicas, each its own OS process")
record LabView(long supervisorPid, @Schema(example = "http://localhost:8080") String supervisorUrl,
		@Schema(example = "localhost:9092") String bootstrapServers, String dataDir, List<ProcessView> processes) {

}
