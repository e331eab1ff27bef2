package io.replicationlab.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.replicationlab.mode.ModeRegistry;
import io.replicationlab.mode.ModeState;
import io.replicationlab.mode.ReplicationMode;
import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.state.AppliedLog;

import org.springframework.stereotype.Component;

/**
 * Whether this replica currently differs from its reachable peers, per mode: the source
 * of the {@code replication} health component and of the {@code replication.divergence}
 * gauge. This replica's side is read from its own beans, the peers' through their HTTP
 * API; the comparison is cached for {@code cluster.health-cache-ttl} so that probes and
 * scrapes do not fan out to the peers each time.
 * <p>
 * {@code local} and {@code reconcile} compare state digests. {@code total-order} compares
 * digests only with peers at the same applied position; a peer at another position is
 * reported as behind or ahead (lag, not divergence).
 */
@Component
class DivergenceMonitor {

	private final ReplicaProperties replica;

	private final ModeRegistry modes;

	private final AppliedLog appliedLog;

	private final ClusterObserver observer;

	private final ClusterProperties properties;

	private final Clock clock;

	private Assessment last;

	private long lastNanos;

	DivergenceMonitor(ReplicaProperties replica, ModeRegistry modes, AppliedLog appliedLog, ClusterObserver observer,
			ClusterProperties properties, Clock clock) {
		this.replica = replica;
		this.modes = modes;
		this.appliedLog = appliedLog;
		this.observer = observer;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The last comparison, made again when it is older than
	 * {@code cluster.health-cache-ttl}.
	 */
	synchronized Assessment current() {
		long now = System.nanoTime();
		if (this.last == null || now - this.lastNanos >= this.properties.healthCacheTtl().toNanos()) {
			this.last = assess();
			this.lastNanos = System.nanoTime();
		}
		return this.last;
	}

	private Assessment assess() {
		Map<String, ModeHealth> byMode = new LinkedHashMap<>();
		Set<String> unreachable = new LinkedHashSet<>();
		List<ReplicationMode> installed = List.copyOf(this.modes.all());
		Map<Mode, List<ReplicaSummary>> summaries = this.observer
			.peerSummaries(installed.stream().map(ReplicationMode::mode).toList());
		for (ReplicationMode mode : installed) {
			List<ReplicaSummary> peers = summaries.get(mode.mode());
			peers.stream().filter((peer) -> !peer.reachable()).forEach((peer) -> unreachable.add(peer.replica()));
			byMode.put(mode.mode().pathSegment(),
					compare(mode, peers.stream().filter(ReplicaSummary::reachable).toList()));
		}
		return new Assessment(this.clock.instant(), List.copyOf(unreachable), byMode);
	}

	private ModeHealth compare(ReplicationMode mode, List<ReplicaSummary> peers) {
		long appliedBefore = this.appliedLog.lastPosition(mode.mode());
		ModeState self = mode.state();
		long applied = this.appliedLog.lastPosition(mode.mode());
		List<String> differsFrom = new ArrayList<>();
		Map<String, String> lag = new LinkedHashMap<>();
		Map<String, SortedMap<String, List<String>>> states = new LinkedHashMap<>();
		states.put(this.replica.id(), self.entries());
		for (ReplicaSummary peer : peers) {
			if (mode.mode() == Mode.TOTAL_ORDER) {
				long theirs = (peer.applied() != null) ? peer.applied() : 0;
				if (theirs != applied || appliedBefore != applied) {
					lag.put(peer.replica(), (theirs < applied) ? (applied - theirs) + " behind this replica"
							: (theirs > applied) ? (theirs - applied) + " ahead of this replica" : "moving");
					continue;
				}
				lag.put(peer.replica(), "in step");
			}
			if (!Objects.equals(peer.digest(), self.digest())) {
				differsFrom.add(peer.replica());
				states.put(peer.replica(), peer.entries());
			}
		}
		boolean diverged = !differsFrom.isEmpty();
		Map<String, Object> position = mode.position();
		return new ModeHealth(diverged ? ReplicationHealthIndicator.DIVERGED.getCode() : "UP", self.digest(), applied,
				position.isEmpty() ? null : position, differsFrom, lag.isEmpty() ? null : lag,
				diverged ? StateComparison.countDifferingKeys(states) : null,
				diverged ? StateComparison.differingKeys(states) : null);
	}

	/**
	 * @param unreachablePeers the peers that did not answer (not compared)
	 * @param modes mode -> how this replica compares with its reachable peers
	 */
	record Assessment(Instant checkedAt, List<String> unreachablePeers, Map<String, ModeHealth> modes) {

		boolean diverged() {
			return this.modes.values().stream().anyMatch(ModeHealth::diverged);
		}

		boolean diverged(Mode mode) {
			ModeHealth health = this.modes.get(mode.pathSegment());
			return health != null && health.diverged();
		}

	}

	/**
	 * @param status {@code DIVERGED} or {@code UP}
	 * @param digest this replica's state digest
	 * @param appliedPosition this replica's last applied-log position in the mode
	 * @param position where this replica stands in the mode (total-order: consumed
	 * offset, lag behind the end offset, pending outbox; reconcile: version vector, ops
	 * shipped and received)
	 * @param differsFrom the reachable peers whose state differs from this replica's
	 * @param lag total-order: peer -> in step, N behind or N ahead of this replica
	 * @param differingKeyCount how many keys differ
	 * @param differingKeys up to 50 of them, with this replica's and the differing peers'
	 * values
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ModeHealth(String status, String digest, Long appliedPosition, Map<String, Object> position,
			List<String> differsFrom, Map<String, String> lag, Integer differingKeyCount,
			SortedMap<String, Map<String, List<String>>> differingKeys) {

		boolean diverged() {
			return !this.differsFrom.isEmpty();
		}

	}

}
