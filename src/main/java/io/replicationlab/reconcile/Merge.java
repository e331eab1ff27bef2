package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.replicationlab.state.Outcome;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;

/**
 * Merges one op into a key's state. Pure: no I/O, no clock, so a simulation can check it
 * in any delivery order.
 * <p>
 * The rule: the op removes the siblings its context covers (the writer saw them, so it
 * replaces them), and adds itself unless the key's context already covers its dot (a
 * write that saw this one was merged first). The key's context becomes
 * {@code context ⊔ op.context ⊔ op.dot}. Since every replica applies each origin's ops in
 * counter order, covering {@code op.dot} with the whole prefix {@code origin:1..counter}
 * is sound: the earlier dots of that origin were merged before.
 * <p>
 * Why the result does not depend on delivery order: the final context is the join of
 * every op's context and dot; an op is live at the end exactly when no merged op's
 * context covers it, whichever came first. Under {@link ConflictPolicy#LWW} the single
 * survivor is the highest op in {@link Sibling#LWW_ORDER} among those no context covers;
 * a write accepted here is stamped after everything its key has seen (see
 * {@link KeyState#maxAcceptedAt()}), so no context covers the highest op and the survivor
 * is the same in any order.
 */
final class Merge {

	private Merge() {
	}

	/**
	 * What merging one op did.
	 *
	 * @param outcome the op's outcome for the applied log: {@code APPLIED} (it is the
	 * key's only version now), {@code SIBLING} (it lives beside concurrent ones),
	 * {@code DUPLICATE} (another dot of the same client write is live: the two live and
	 * die together and show once), {@code SUPERSEDED} (a write that saw it came first) or
	 * {@code DISCARDED} (lww: it lost to a concurrent write)
	 * @param replaced the siblings the op's context covered, removed
	 * @param discarded lww: siblings that lost to this op (or, when it lost too, to the
	 * winner) and were removed
	 */
	record Merged(KeyState state, Outcome outcome, List<Sibling> replaced, List<Sibling> discarded) {

		String detail() {
			StringBuilder detail = new StringBuilder(this.outcome.name().toLowerCase());
			if (!this.replaced.isEmpty()) {
				detail.append("; replaced ").append(dots(this.replaced));
			}
			if (!this.discarded.isEmpty()) {
				detail.append("; discarded ").append(dots(this.discarded));
			}
			if (this.outcome == Outcome.DISCARDED) {
				detail.append("; lost to ").append(dots(this.state.siblings())).append(" (last writer wins)");
			}
			if (this.outcome == Outcome.DUPLICATE) {
				detail.append("; the same client write as ")
					.append(dots(this.state.siblings()))
					.append(" (one op id retried on another replica)");
			}
			if (this.outcome == Outcome.SIBLING) {
				detail.append("; beside ").append(dots(this.state.siblings()));
			}
			detail.append("; context ").append(this.state.context());
			return detail.toString();
		}

		private static String dots(List<Sibling> siblings) {
			return siblings.stream().map((sibling) -> sibling.dot().toString()).collect(Collectors.joining(","));
		}

	}

	static Merged apply(KeyState state, ReconcileOp op, ConflictPolicy policy) {
		return apply(state, op, Set.of(), policy);
	}

	/**
	 * Merges one op.
	 * @param twins the dots this replica already merged of the same client write (same op
	 * id, key and value: the client retried it on another replica, which named it with
	 * another dot). Under {@code multi-value} the dots of one write live and die
	 * together: the write is live while no context covers any of its dots, and it shows
	 * once.
	 */
	static Merged apply(KeyState state, ReconcileOp op, Set<Dot> twins, ConflictPolicy policy) {
		List<Sibling> kept = new ArrayList<>();
		List<Sibling> replaced = new ArrayList<>();
		List<Sibling> covered = state.siblings()
			.stream()
			.filter((sibling) -> op.context().covers(sibling.dot()))
			.toList();
		for (Sibling sibling : state.siblings()) {
			boolean gone = covered.stream().anyMatch((dead) -> dead.sameWriteAs(sibling));
			(gone ? replaced : kept).add(sibling);
		}
		VersionVector context = state.context()
			.merge(op.context())
			.merge(VersionVector.of(Map.of(op.dot().replica(), op.dot().counter())));
		Instant maxAcceptedAt = state.maxAcceptedAt().isAfter(op.acceptedAt()) ? state.maxAcceptedAt()
				: op.acceptedAt();
		Sibling incoming = op.sibling();
		if (policy == ConflictPolicy.MULTI_VALUE) {
			// a twin merged here but no longer live was replaced by a write that saw it:
			// so is this dot of the write
			boolean twinReplaced = twins.stream()
				.anyMatch((twin) -> state.siblings().stream().noneMatch((sibling) -> sibling.dot().equals(twin)));
			if (state.context().covers(op.dot()) || twinReplaced) {
				List<Sibling> liveTwins = kept.stream().filter(incoming::sameWriteAs).toList();
				kept.removeAll(liveTwins);
				replaced.addAll(liveTwins);
				return new Merged(new KeyState(context, kept, maxAcceptedAt), Outcome.SUPERSEDED, replaced, List.of());
			}
			boolean twinLive = kept.stream().anyMatch(incoming::sameWriteAs);
			kept.add(incoming);
			Outcome outcome = twinLive ? Outcome.DUPLICATE : (kept.size() == 1) ? Outcome.APPLIED : Outcome.SIBLING;
			return new Merged(new KeyState(context, kept, maxAcceptedAt), outcome, replaced, List.of());
		}
		if (state.context().covers(op.dot())) {
			return new Merged(new KeyState(context, kept, maxAcceptedAt), Outcome.SUPERSEDED, replaced, List.of());
		}
		if (kept.isEmpty()) {
			kept.add(incoming);
			return new Merged(new KeyState(context, kept, maxAcceptedAt), Outcome.APPLIED, replaced, List.of());
		}
		kept.add(incoming);
		Sibling winner = kept.stream().max(Sibling.LWW_ORDER).orElseThrow();
		List<Sibling> discarded = kept.stream()
			.filter((sibling) -> sibling != winner && sibling != incoming)
			.sorted(Comparator.comparing(Sibling::dot))
			.toList();
		Outcome outcome = (winner == incoming) ? Outcome.APPLIED : Outcome.DISCARDED;
		return new Merged(new KeyState(context, List.of(winner), maxAcceptedAt), outcome, replaced, discarded);
	}

}
