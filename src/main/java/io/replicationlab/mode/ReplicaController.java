package io.replicationlab.mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaInfoContributor;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.replica.ReplicaView;
import io.replicationlab.state.AppliedLog;
import io.replicationlab.state.AppliedOp;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.tracing.OpTraces;
import io.replicationlab.wal.OpTrace;
import io.replicationlab.wal.Snapshots;
import io.replicationlab.wal.WalEntry;
import io.replicationlab.wal.WriteAheadLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/replica}: this replica, its WAL in local order, its applied logs in apply
 * order, one op's status.
 */
@RestController
@RequestMapping("/api/replica")
@Tag(name = "Replica", description = "This replica's identity, write-ahead log, applied logs and op status")
class ReplicaController {

	private final ReplicaProperties replica;

	private final WriteAheadLog wal;

	private final AppliedLog appliedLog;

	private final ModeRegistry modes;

	private final ObjectProvider<ReplicaInfoContributor> contributors;

	private final Environment environment;

	private final Snapshots snapshots;

	private final io.replicationlab.replica.SkewableClock acceptClock;

	private final OpTraces traces;

	ReplicaController(ReplicaProperties replica, WriteAheadLog wal, AppliedLog appliedLog, ModeRegistry modes,
			ObjectProvider<ReplicaInfoContributor> contributors, Environment environment, Snapshots snapshots,
			io.replicationlab.replica.SkewableClock acceptClock, OpTraces traces) {
		this.traces = traces;
		this.snapshots = snapshots;
		this.acceptClock = acceptClock;
		this.replica = replica;
		this.wal = wal;
		this.appliedLog = appliedLog;
		this.modes = modes;
		this.contributors = contributors;
		this.environment = environment;
	}

	@GetMapping
	@Operation(summary = "Who this replica is",
			description = "Id, peers, WAL size, each mode's position, the partition in force, the Kafka bootstrap "
					+ "servers and the OS process id.")
	ReplicaView replica() {
		return this.snapshots.read(this::describe);
	}

	private ReplicaView describe() {
		Map<String, String> peers = new LinkedHashMap<>();
		this.replica.peerUrls().forEach((id, url) -> peers.put(id, url.toString()));
		Map<String, ReplicaView.ModeView> positions = new LinkedHashMap<>();
		for (ReplicationMode mode : this.modes.all()) {
			positions.put(mode.mode().pathSegment(), new ReplicaView.ModeView(mode.position(),
					this.wal.size(mode.mode()), this.appliedLog.lastPosition(mode.mode())));
		}
		Map<String, Object> sections = new LinkedHashMap<>();
		this.contributors.orderedStream().forEach((contributor) -> contributor.contribute(sections));
		return new ReplicaView(this.replica.id(), peers, this.wal.size(), positions,
				this.environment.getProperty("spring.kafka.bootstrap-servers"), ProcessHandle.current().pid(),
				this.replica.dataDir().toString(), this.acceptClock.offsetMillis(), sections);
	}

	@GetMapping("/wal")
	@Operation(summary = "The write-ahead log in local order",
			description = "Rows with lsn greater than `after`, oldest first, at most `limit`; optionally one mode only.")
	List<WalEntry> wal(
			@Parameter(description = "local, total-order or reconcile; all when absent") @RequestParam(
					required = false) String mode,
			@Parameter(description = "Return rows after this lsn",
					example = "0") @RequestParam(defaultValue = "0") long after,
			@Parameter(description = "1-1000", example = "100") @RequestParam(defaultValue = "100") int limit) {
		Mode selected = (mode != null) ? this.modes.require(mode).mode() : null;
		return this.wal.page(selected, InputRules.after(after), InputRules.limit(limit));
	}

	@GetMapping("/applied")
	@Operation(summary = "A mode's applied log in apply order",
			description = "The order in which this replica applied ops to the mode's state, with each outcome.")
	List<AppliedOp> applied(
			@Parameter(description = "local, total-order or reconcile",
					example = "total-order") @RequestParam String mode,
			@Parameter(example = "0") @RequestParam(defaultValue = "0") long after,
			@Parameter(example = "100") @RequestParam(defaultValue = "100") int limit) {
		ReplicationMode replicationMode = this.modes.require(mode);
		return this.appliedLog.page(replicationMode.mode(), InputRules.after(after), InputRules.limit(limit));
	}

	@GetMapping("/ops/{opId}")
	@Operation(summary = "One op's status here", description = "durable (in the WAL), ordered (with its offset) or "
			+ "applied (with its position in the applied log), or rejected (total-order: the op id was ordered first "
			+ "for a different write); 404 when this replica has not seen it.")
	OpStatus op(@Parameter(example = "3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69") @PathVariable String opId) {
		UUID id = InputRules.opId(opId);
		return this.snapshots.read(() -> status(id));
	}

	private OpStatus status(UUID id) {
		WalEntry entry = this.wal.find(id)
			.orElseThrow(() -> ClientProblem.notFound("unknown-op", "Unknown op",
					"Replica " + this.replica.id() + " has no op " + id + " in its WAL"));
		OptionalLong offset = (entry.kafkaOffset() != null) ? OptionalLong.of(entry.kafkaOffset())
				: this.modes.get(entry.mode()).orderedOffset(id);
		Optional<String> rejection = this.modes.get(entry.mode()).rejection(id);
		// a rejected write's op id may be applied here, but for another write: never
		// report that as this one's
		AppliedOp applied = rejection.isPresent() ? null : this.appliedLog.find(entry.mode(), id).orElse(null);
		OpStatus.Stage status = rejection.isPresent() ? OpStatus.Stage.REJECTED : (applied != null)
				? OpStatus.Stage.APPLIED : offset.isPresent() ? OpStatus.Stage.ORDERED : OpStatus.Stage.DURABLE;
		// in memory while this process runs, from the WAL row after a restart
		Optional<OpTrace> trace = this.traces.trace(id).or(() -> this.wal.trace(id));
		return new OpStatus(id, this.replica.id(), entry.mode().pathSegment(), entry.key(), entry.origin(),
				entry.source().name(), entry.lsn(), status, offset.isPresent() ? offset.getAsLong() : null,
				(applied != null) ? applied.position() : null,
				rejection.isPresent() ? "REJECTED" : (applied != null) ? applied.outcome().name() : null,
				entry.acceptedAt(), rejection.orElse(null), trace.map(OpTrace::traceId).orElse(null),
				trace.flatMap(this.traces::traceUrl).orElse(null));
	}

}
