package io.replicationlab.cluster;

import java.util.Collection;
import java.util.List;

import io.replicationlab.replica.Mode;

/** Picks the properties docs/design.md states for a mode. Pure. */
final class Verifier {

	private Verifier() {
	}

	/**
	 * The mode's properties over the histories seen. A property that holds over the
	 * reachable replicas only is {@code unknown} while a member is unreachable: what was
	 * not seen cannot be vouched for.
	 */
	static List<PropertyCheck> verify(Mode mode, List<History> histories, Collection<String> unreachable,
			boolean quiesced) {
		List<PropertyCheck> checks = switch (mode) {
			case TOTAL_ORDER -> TotalOrderChecks.check(histories, unreachable, quiesced);
			case RECONCILE -> ReconcileChecks.check(histories, unreachable, quiesced);
			case LOCAL -> LocalChecks.check(histories);
		};
		if (unreachable.isEmpty()) {
			return checks;
		}
		String reason = "Unknown: replica(s) " + String.join(", ", unreachable) + " could not be observed";
		return checks.stream().map((check) -> check.unknownIfHolding(reason)).toList();
	}

	/**
	 * {@code fails} if any property fails, else {@code unknown} if any is unknown, else
	 * {@code holds}.
	 */
	static String verdict(List<PropertyCheck> checks) {
		if (checks.stream().anyMatch(PropertyCheck::fails)) {
			return PropertyCheck.FAILS;
		}
		return checks.stream().allMatch(PropertyCheck::holds) ? PropertyCheck.HOLDS : PropertyCheck.UNKNOWN;
	}

}
