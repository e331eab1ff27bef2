package io.replicationlab.reconcile;

import java.util.List;

import io.replicationlab.replica.ReplicaProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/reconcile/lww-ledger}: the writes last-writer-wins discarded here. */
@RestController
@Tag(name = "Key-value")
class LwwLedgerController {

	private final String self;

	private final ReconcileProperties settings;

	private final ReconcileHistory history;

	LwwLedgerController(ReplicaProperties replica, ReconcileProperties settings, ReconcileHistory history) {
		this.self = replica.id();
		this.settings = settings;
		this.history = history;
	}

	@GetMapping("/api/reconcile/lww-ledger")
	@Operation(summary = "The last-writer-wins ledger",
			description = "Every reconcile write this replica discarded under lww, in the order it discarded them: "
					+ "the loser and the winner (op id, dot, origin, value, timestamp), and why it lost: later-clock "
					+ "(the winner's timestamp is later) or tiebreak (equal timestamps, higher origin id wins). "
					+ "Empty under multi-value, which discards nothing.")
	LwwLedger ledger() {
		List<LwwLedger.Entry> entries = this.history.ledger();
		return new LwwLedger(this.self, (this.settings.conflictPolicy() == ConflictPolicy.LWW) ? "lww" : "multi-value",
				entries.size(), entries);
	}

}
