package io.replicationlab.peers;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A directed link cut by an asymmetric partition: replication data from {@code from} does
 * not reach {@code to}, while data from {@code to} may still reach {@code from}.
 */
@Schema(description = "A one-way cut: replication data from 'from' no longer reaches 'to' (the other way still flows)")
public record Link(@Schema(example = "r1") String from, @Schema(example = "r2") String to) {
}
