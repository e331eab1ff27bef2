package io.replicationlab.mode;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.replicationlab.vclock.Dot;
import io.replicationlab.wal.WalEntry;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * What a write reached before its answer.
 *
 * @param complete whether the awaited level was reached (200) or the answer came first
 * (202)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The receipt of a write: where it is in this replica's WAL and how far it has come")
public record WriteReceipt(@Schema(description = "The op id (yours, or a new one)") UUID opId,
		@Schema(description = "The replica that accepted the write", example = "r1") String replica,
		@Schema(description = "The mode", example = "local") String mode,
		@Schema(description = "The key", example = "color") String key,
		@Schema(description = "Its local sequence number in this replica's WAL", example = "42") long lsn,
		@Schema(description = "durable, ordered or applied", example = "applied",
				implementation = String.class) AwaitLevel status,
		@Schema(description = "total-order: the Kafka offset, once ordered") Long offset,
		@Schema(description = "reconcile: the dot (replica~incarnation:counter) naming this version",
				example = "r1~5c1e0b7a:7",
				implementation = String.class) @JsonSerialize(using = ToStringSerializer.class) Dot dot,
		@JsonIgnore boolean complete) {

	/**
	 * The receipt of a write applied before its answer ({@code local},
	 * {@code reconcile}): complete, and named by the entry's dot in {@code reconcile}.
	 * @param replica the replica answering
	 * @param entry the write's row in its WAL (just appended, or the earlier one a retry
	 * found)
	 */
	public static WriteReceipt applied(String replica, WalEntry entry) {
		return new WriteReceipt(entry.opId(), replica, entry.mode().pathSegment(), entry.key(), entry.lsn(),
				AwaitLevel.APPLIED, null, entry.dot(), true);
	}

	/**
	 * The receipt of a write that is at least durable ({@code total-order}): how far it
	 * came before the answer.
	 * @param status the level it reached
	 * @param offset its offset in the total order, once ordered
	 * @param complete whether {@code status} is the level the client awaited
	 */
	public static WriteReceipt reached(String replica, WalEntry entry, AwaitLevel status, Long offset,
			boolean complete) {
		return new WriteReceipt(entry.opId(), replica, entry.mode().pathSegment(), entry.key(), entry.lsn(), status,
				offset, null, complete);
	}

}
