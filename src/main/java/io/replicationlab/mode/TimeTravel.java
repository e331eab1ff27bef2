package io.replicationlab.mode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.replicationlab.replica.Mode;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.PastStates;
import io.replicationlab.state.StateDigest;
import io.replicationlab.system.ClientProblem;

import org.springframework.stereotype.Component;

/**
 * {@code GET /api/{mode}/kv?asOf=} and {@code ?asOfTime=}: a replica's state as it stood
 * at a position of its applied log. Each replica answers from its own history, so two
 * replicas asked for the same position answer for their own apply orders (which is the
 * point: in {@code reconcile} they differ, in {@code total-order} they do not).
 */
@Component
class TimeTravel {

	private final PastStates past;

	private final AppliedLog appliedLog;

	private final Map<Mode, PastStateSource> sources = new java.util.EnumMap<>(Mode.class);

	private final Clock clock;

	TimeTravel(PastStates past, AppliedLog appliedLog, List<PastStateSource> sources, Clock clock) {
		this.past = past;
		this.appliedLog = appliedLog;
		this.clock = clock;
		sources.forEach((source) -> this.sources.put(source.mode(), source));
	}

	/**
	 * The position an {@code asOf} or {@code asOfTime} parameter names, or a 400 problem.
	 */
	long position(Mode mode, String asOf, String asOfTime) {
		if (asOf != null && asOfTime != null) {
			throw ClientProblem.badRequest("bad-as-of", "Bad asOf",
					"Give either asOf (a position of the applied log) or asOfTime (an ISO-8601 instant), not both");
		}
		long last = this.appliedLog.lastPosition(mode);
		if (asOf != null) {
			long position;
			try {
				position = Long.parseLong(asOf.strip());
			}
			catch (NumberFormatException ex) {
				throw outside(mode, "asOf must be a whole number, a position of the applied log; not '"
						+ InputRules.printable(asOf) + "'", last);
			}
			if (position < 0 || position > last) {
				throw outside(mode, "Position " + position + " is outside this replica's " + mode
						+ " applied log, which holds positions 1.." + last + " (0 is the state before any apply)",
						last);
			}
			return position;
		}
		Instant instant;
		try {
			instant = Instant.parse(asOfTime.strip());
		}
		catch (DateTimeParseException ex) {
			throw outside(mode, "asOfTime must be an ISO-8601 instant like 2026-01-31T12:00:00Z; not '"
					+ InputRules.printable(asOfTime) + "'", last);
		}
		if (instant.isAfter(this.clock.instant())) {
			throw outside(mode, "asOfTime " + instant + " is in the future of this replica's clock", last);
		}
		return this.past.positionAt(mode, instant);
	}

	StateView stateAt(String replica, Mode mode, long position) {
		PastStateSource source = this.sources.get(mode);
		ModeState state;
		if (source != null) {
			state = source.stateAt(position);
		}
		else {
			SortedMap<String, List<String>> entries = new TreeMap<>();
			this.past.entriesAt(mode, position).forEach((key, value) -> entries.put(key, List.of(value)));
			state = new ModeState(entries, StateDigest.of(entries), Map.of());
		}
		Map<String, Object> extra = new LinkedHashMap<>(state.extra());
		extra.put("asOf", position);
		Instant appliedAt = this.past.appliedAt(mode, position);
		if (appliedAt != null) {
			extra.put("appliedAt", appliedAt.toString());
		}
		extra.put("lastPosition", this.appliedLog.lastPosition(mode));
		return new StateView(replica, mode.pathSegment(), state.entries(), state.digest(), extra);
	}

	private static ClientProblem outside(Mode mode, String detail, long last) {
		return new ClientProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "bad-as-of",
				"Outside the applied log", detail, Map.of("mode", mode.pathSegment(), "lastPosition", last));
	}

}
