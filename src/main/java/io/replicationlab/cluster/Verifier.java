package io.replicationlab.cluster;

import java.util.Collection;
import java.util.List;

import io.replicationlab.replica.Mode;

/** Picks the properties docs/design.md states for a mode. Pure. */
final class Verifier {

	private Verifier() {
	}

	static List<PropertyCheck> verify(Mode mode, List<History> histories, Collection<String> unreachable,
			boolean quiesced) {
		return switch (mode) {
			case TOTAL_ORDER -> TotalOrderChecks.check(histories, unreachable, quiesced);
			case RECONCILE -> ReconcileChecks.check(histories, unreachable, quiesced);
			case LOCAL -> LocalChecks.check(histories);
		};
	}

}
