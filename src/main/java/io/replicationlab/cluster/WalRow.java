package io.replicationlab.cluster;

import java.util.UUID;

import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import io.replicationlab.wal.Source;

/**
 * One row of a replica's WAL, as {@code GET /api/replica/wal} shows it.
 *
 * @param value the value, or {@code null} for a delete
 * @param kafkaOffset total-order: the offset the op was consumed from, when known to this
 * row
 * @param dot reconcile: the dot naming the write ({@code r1:7}), or {@code null}
 * @param context reconcile: the causal context the write had seen ({@code r1:6,r2:3}), or
 * {@code null}
 */
record WalRow(long lsn, UUID opId, String origin, Source source, String key, String value, Long kafkaOffset, String dot,
		String context) {

	Dot parsedDot() {
		try {
			return (this.dot != null) ? Dot.parse(this.dot) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	VersionVector parsedContext() {
		try {
			return VersionVector.parse(this.context);
		}
		catch (IllegalArgumentException ex) {
			return VersionVector.empty();
		}
	}

}
