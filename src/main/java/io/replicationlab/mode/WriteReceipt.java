package io.replicationlab.mode;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a write reached before its answer.
 *
 * @param complete whether the awaited level was reached (200) or the answer came first (202)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The receipt of a write: where it is in this replica's WAL and how far it has come")
public record WriteReceipt(@Schema(description = "The op id (yours, or a new one)") UUID opId,
		@Schema(description = "The replica that accepted the write", example = "r1") String replica,
		@Schema(description = "The mode", example = "local") String mode,
		@Schema(description = "The key", example = "color") String key,
		@Schema(description = "Its local sequence number in this replica's WAL", example = "42") long lsn,
		@Schema(description = "durable, ordered or applied", example = "applied") String status,
		@Schema(description = "total-order: the Kafka offset, once ordered") Long offset,
		@Schema(description = "reconcile: the dot (replica~incarnation:counter) naming this version", example = "r1~5c1e0b7a:7") String dot,
		@JsonIgnore boolean complete) {

	public WriteReceipt withStatus(String status, Long offset, boolean complete) {
		return new WriteReceipt(this.opId, this.replica, this.mode, this.key, this.lsn, status, offset, this.dot,
				complete);
	}

}
