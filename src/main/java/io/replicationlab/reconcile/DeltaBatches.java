package io.replicationlab.reconcile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.replicationlab.peers.PeerDirectory;

/**
 * Checks a received delta batch before anything of it is applied: every op well formed,
 * from a known origin (this replica or a configured peer), each origin's ops in
 * increasing counter order without gaps, no dot twice with different content. The checks
 * that need this replica's state (a gap after its vector, a dot it holds with another
 * value) run in {@link ReconcileMode#applyBatch} inside the transaction that would apply
 * the batch.
 */
final class DeltaBatches {

	static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

	static final int MAX_VALUE_BYTES = 64 * 1024;

	private DeltaBatches() {
	}

	static List<ReconcileOp> check(DeltaBatch batch, PeerDirectory directory) {
		if (batch == null || batch.ops() == null) {
			throw BatchRejectedException.malformed("malformed batch: no ops");
		}
		if (batch.ops().size() > ReconcileProperties.MAX_PAGE_SIZE) {
			throw BatchRejectedException
				.malformed("batch of " + batch.ops().size() + " ops; at most " + ReconcileProperties.MAX_PAGE_SIZE);
		}
		List<ReconcileOp> ops = new ArrayList<>(batch.ops().size());
		Map<String, ReconcileOp> lastByOrigin = new HashMap<>();
		for (DeltaOp wire : batch.ops()) {
			ReconcileOp op = parse(wire);
			if (!directory.isKnown(op.origin())) {
				throw BatchRejectedException.malformed("op " + op.dot() + " comes from unknown origin '" + op.origin()
						+ "'; the replicas are " + directory.replicaIds());
			}
			ReconcileOp previous = lastByOrigin.put(op.dot().replica(), op);
			if (previous != null) {
				long expected = previous.dot().counter() + 1;
				if (op.dot().counter() == previous.dot().counter() && !sameWrite(previous, op)) {
					throw BatchRejectedException.malformed("dot " + op.dot() + " appears twice with different content");
				}
				if (op.dot().counter() != expected && op.dot().counter() != previous.dot().counter()) {
					throw BatchRejectedException
						.malformed("gap in " + op.dot().replica() + "'s ops: " + previous.dot() + " then " + op.dot());
				}
			}
			ops.add(op);
		}
		return ops;
	}

	static boolean sameWrite(ReconcileOp a, ReconcileOp b) {
		return a.opId().equals(b.opId()) && a.dot().equals(b.dot()) && a.key().equals(b.key())
				&& Objects.equals(a.value(), b.value());
	}

	private static ReconcileOp parse(DeltaOp wire) {
		if (wire == null) {
			throw BatchRejectedException.malformed("malformed batch: a null op");
		}
		ReconcileOp op;
		try {
			op = wire.parse();
		}
		catch (RuntimeException ex) {
			throw BatchRejectedException.malformed("malformed op " + wire.dot() + ": " + ex.getMessage());
		}
		if (!KEY.matcher(op.key()).matches()) {
			throw BatchRejectedException.malformed("malformed op " + op.dot() + ": bad key");
		}
		if (op.value() != null && op.value().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
			throw BatchRejectedException
				.malformed("malformed op " + op.dot() + ": value over " + MAX_VALUE_BYTES + " bytes");
		}
		return op;
	}

}
