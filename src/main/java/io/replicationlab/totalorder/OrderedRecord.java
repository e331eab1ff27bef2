package io.replicationlab.totalorder;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.replicationlab.wal.WalEntry;

/**
 * The value of one record of the total-order topic: everything a replica needs to apply
 * the op, as JSON.
 *
 * <pre>
 * {"opId":"3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69","origin":"r1","key":"color","value":"blue",
 *  "originLsn":42,"acceptedAt":"2026-11-29T13:05:07.123456Z"}
 * </pre> {@code value} is {@code null} for a delete (tombstone); {@code originLsn} is the
 * op's lsn in its origin's WAL; {@code acceptedAt} is ISO-8601 UTC. The record key is the
 * op id as text, the record has no headers, and the topic has one partition. Readers
 * ignore fields they do not know.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "opId", "origin", "key", "value", "originLsn", "acceptedAt" })
record OrderedRecord(UUID opId, String origin, String key, String value, long originLsn, Instant acceptedAt) {

	static OrderedRecord of(WalEntry entry) {
		return new OrderedRecord(entry.opId(), entry.origin(), entry.key(), entry.value(), entry.originLsn(),
				entry.acceptedAt());
	}

}
