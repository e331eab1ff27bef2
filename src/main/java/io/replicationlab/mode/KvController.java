package io.replicationlab.mode;

import java.util.UUID;

import io.replicationlab.system.ClientProblem;
import io.replicationlab.tracing.OpTraces;
import io.replicationlab.wal.Snapshots;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/{mode}/kv}: reads and writes, dispatched to the mode named in the path. */
@RestController
@RequestMapping("/api/{mode}/kv")
@Tag(name = "Key-value", description = "Write and read keys in a mode: local, total-order or reconcile")
class KvController {

	private final ModeRegistry modes;

	private final String replicaId;

	private final Snapshots snapshots;

	private final TimeTravel timeTravel;

	private final OpTraces traces;

	private final OpIds opIds;

	KvController(ModeRegistry modes, io.replicationlab.replica.ReplicaProperties replica, Snapshots snapshots,
			TimeTravel timeTravel, OpTraces traces, OpIds opIds) {
		this.traces = traces;
		this.opIds = opIds;
		this.modes = modes;
		this.replicaId = replica.id();
		this.snapshots = snapshots;
		this.timeTravel = timeTravel;
	}

	@PutMapping("/{key}")
	@Operation(summary = "Write a key",
			description = "Appends the write to this replica's WAL and replicates it the mode's way. 200 when the "
					+ "awaited level was reached, 202 when the write is durable but the answer came first.")
	@ApiResponse(responseCode = "200", description = "Written, at the awaited level")
	@ApiResponse(responseCode = "202", description = "Durable, not yet at the awaited level: it will get there")
	@ApiResponse(responseCode = "400", description = "Bad key, value, op id, await level or body: nothing written")
	@ApiResponse(responseCode = "409", description = "The op id was already used for a different write")
	ResponseEntity<WriteReceipt> put(
			@Parameter(description = "local, total-order or reconcile", example = "local") @PathVariable String mode,
			@Parameter(description = "1-256 characters of [A-Za-z0-9._:-]", example = "color") @PathVariable String key,
			@Parameter(description = "durable, ordered or applied (default); total-order waits accordingly",
					example = "applied") @RequestParam(required = false) String await,
			@RequestBody(required = false) WriteBody body) {
		ReplicationMode replicationMode = this.modes.require(mode);
		if (body == null) {
			throw ClientProblem.badRequest("missing-body", "Missing body",
					"A PUT needs a JSON body like {\"value\": \"blue\"}");
		}
		WriteCommand command = new WriteCommand(InputRules.key(key), InputRules.value(body.value()), opId(body.opId()),
				InputRules.context(body.context()).orElse(null), InputRules.await(await));
		// before the write: the relay may publish it before write() returns, and
		// continues this request's trace
		this.traces.remember(command.opId());
		return answer(replicationMode.write(command));
	}

	@DeleteMapping("/{key}")
	@Operation(summary = "Delete a key", description = "Writes a tombstone for the key; otherwise like a PUT.")
	@ApiResponse(responseCode = "200", description = "Deleted, at the awaited level")
	@ApiResponse(responseCode = "202", description = "Durable, not yet at the awaited level")
	ResponseEntity<WriteReceipt> delete(@Parameter(example = "local") @PathVariable String mode,
			@Parameter(example = "color") @PathVariable String key,
			@Parameter(example = "applied") @RequestParam(required = false) String await,
			@RequestBody(required = false) WriteBody body) {
		ReplicationMode replicationMode = this.modes.require(mode);
		if (body != null && body.value() != null) {
			throw ClientProblem.badRequest("unexpected-value", "Unexpected value",
					"A DELETE takes no value; send only opId and context, or no body");
		}
		WriteCommand command = new WriteCommand(InputRules.key(key), null, opId((body != null) ? body.opId() : null),
				InputRules.context((body != null) ? body.context() : null).orElse(null), InputRules.await(await));
		// before the write: the relay may publish it before write() returns, and
		// continues this request's trace
		this.traces.remember(command.opId());
		return answer(replicationMode.write(command));
	}

	@GetMapping("/{key}")
	@Operation(summary = "Read a key",
			description = "The key's live values on this replica (several are siblings), "
					+ "with the causal context to write back in reconcile.")
	@ApiResponse(responseCode = "404", description = "The key is absent on this replica")
	KeyValues get(@Parameter(example = "local") @PathVariable String mode,
			@Parameter(example = "color") @PathVariable String key) {
		ReplicationMode replicationMode = this.modes.require(mode);
		String checkedKey = InputRules.key(key);
		return this.snapshots.read(() -> replicationMode.read(checkedKey))
			.orElseThrow(() -> ClientProblem.notFound("absent-key", "Key absent",
					"Key '" + checkedKey + "' has no value in mode " + mode + " on replica " + this.replicaId));
	}

	@GetMapping
	@Operation(summary = "This replica's state in a mode",
			description = "Every key with its live values, the state digest (equal states, equal digests), and the "
					+ "version vector (reconcile) or consumed position (total-order). With asOf (or asOfTime): the "
					+ "state as it stood at that position of this replica's applied log, rebuilt from its history.")
	@ApiResponse(responseCode = "400", description = "asOf or asOfTime outside this replica's applied log")
	StateView state(@Parameter(example = "local") @PathVariable String mode,
			@Parameter(description = "Time travel: a position of this replica's applied log (0 = before any apply)",
					example = "3") @RequestParam(required = false) String asOf,
			@Parameter(description = "Time travel: an ISO-8601 instant; the last position applied by then",
					example = "2026-01-31T12:00:00Z") @RequestParam(required = false) String asOfTime) {
		ReplicationMode replicationMode = this.modes.require(mode);
		if (asOf != null || asOfTime != null) {
			return this.snapshots.read(() -> this.timeTravel.stateAt(this.replicaId, replicationMode.mode(),
					this.timeTravel.position(replicationMode.mode(), asOf, asOfTime)));
		}
		return this.snapshots.read(() -> StateView.of(this.replicaId, replicationMode.mode(), replicationMode.state()));
	}

	/**
	 * {@code /api/local/kv/}: a key left empty, refused as such rather than as an unknown
	 * path.
	 */
	@RequestMapping(path = "/", method = { RequestMethod.GET, RequestMethod.PUT, RequestMethod.DELETE })
	@Hidden
	void emptyKey(@PathVariable String mode) {
		this.modes.require(mode);
		InputRules.key("");
	}

	/**
	 * The client's op id, checked; or, without one, a time-ordered id of this replica's.
	 */
	private UUID opId(String given) {
		return (given != null) ? InputRules.opId(given) : this.opIds.next();
	}

	private static ResponseEntity<WriteReceipt> answer(WriteReceipt receipt) {
		return ResponseEntity.status(receipt.complete() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(receipt);
	}

}
