package io.replicationlab.lab;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One process of the lab as {@code GET /api/lab} shows it.
 *
 * @param id {@code kafka} or the replica id
 * @param kind {@code kafka} or {@code replica}
 * @param state {@code starting} (process alive, not answering yet), {@code running},
 * {@code paused} (SIGSTOP) or {@code stopped}
 * @param pid the OS process id while the process lives
 * @param port the port it serves: the replica's HTTP port, the broker's PLAINTEXT port
 * @param url the replica's base URL, or the broker's bootstrap address
 * @param dataDir its data directory (H2 files, Kafka log directory), kept across restarts
 * @param log the file its output goes to
 * @param exitCode how it last ended ({@code 137} = 128 + SIGKILL), when it has ended
 * @param startedAt when it was last started
 * @param starts how many times the lab has started it
 */
@Schema(description = "One process of the lab: the Kafka broker or a replica")
record ProcessView(@Schema(example = "r2") String id, @Schema(example = "replica") String kind,
		@Schema(example = "running", allowableValues = {
				"starting", "running", "paused", "stopped" }) String state,
		@Schema(example = "41235") Long pid, @Schema(example = "8082") int port,
		@Schema(example = "http://localhost:8082") String url, String dataDir, String log,
		@Schema(example = "137") Integer exitCode, Instant startedAt, int starts){

	static final String STARTING = "starting";

	static final String RUNNING = "running";

	static final String STOPPED = "stopped";

	static final String PAUSED = "paused";

}
