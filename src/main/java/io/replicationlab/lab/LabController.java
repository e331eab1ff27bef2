package io.replicationlab.lab;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lab} on a replica of the lab: the lab controls, forwarded to the lab
 * supervisor ({@code lab.supervisor-url}, which the lab gives each replica it starts), so
 * that the dashboard can call them on its own origin. Absent (404) on a replica that runs
 * outside the lab. The supervisor's refusals come back as they are (404, 409 problems); a
 * supervisor that cannot be reached is a 503 problem, one that answers nonsense a 502.
 */
@RestController
@RequestMapping("/api/lab")
@ConditionalOnProperty("lab.supervisor-url")
@Tag(name = "Lab", description = "Only in the lab: kill -9 and restart replicas, stop and start the Kafka broker")
class LabController {

	private final SupervisorForwarder supervisor;

	LabController(SupervisorForwarder supervisor) {
		this.supervisor = supervisor;
	}

	@GetMapping
	@Operation(summary = "The lab's processes",
			description = "The Kafka broker and every replica: pid, port, state (starting, running, stopped), data "
					+ "directory, log file and last exit code (137 = killed by SIGKILL).")
	@ApiResponse(responseCode = "200", description = "The lab as the supervisor sees it")
	@ApiResponse(responseCode = "503", description = "The lab supervisor cannot be reached")
	LabView lab() {
		return forward("GET", "/api/lab", LabView.class).getBody();
	}

	@PostMapping("/replicas/{id}/kill")
	@Operation(summary = "kill -9 a replica",
			description = "SIGKILL of the replica's process: no shutdown hook, nothing flushed. What it acknowledged "
					+ "must survive (its WAL commits are durable). Answers once the process is gone.")
	@ApiResponse(responseCode = "200", description = "Killed; its state is stopped, its exit code 137")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "It is not running")
	ResponseEntity<ProcessView> kill(@Parameter(example = "r2") @PathVariable String id) {
		return forward("POST", "/api/lab/replicas/{id}/kill", ProcessView.class, id);
	}

	@PostMapping("/replicas/{id}/start")
	@Operation(summary = "Start a stopped replica again",
			description = "Starts the replica's process on its same data directory; it is starting until its health "
					+ "is UP (GET /api/lab shows when).")
	@ApiResponse(responseCode = "202", description = "Started; state starting")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "It is already running or starting, or its port is taken")
	ResponseEntity<ProcessView> start(@Parameter(example = "r2") @PathVariable String id) {
		return forward("POST", "/api/lab/replicas/{id}/start", ProcessView.class, id);
	}

	@PostMapping("/replicas/{id}/pause")
	@Operation(summary = "Pause a replica (SIGSTOP)",
			description = "The process stays alive but answers nothing, as in a long GC pause or a frozen VM: its "
					+ "peers and clients time out. Resume it with /resume.")
	@ApiResponse(responseCode = "200", description = "Paused; its state is paused")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "It is not running, or already paused")
	ResponseEntity<ProcessView> pause(@Parameter(example = "r2") @PathVariable String id) {
		return forward("POST", "/api/lab/replicas/{id}/pause", ProcessView.class, id);
	}

	@PostMapping("/replicas/{id}/resume")
	@Operation(summary = "Resume a paused replica (SIGCONT)")
	@ApiResponse(responseCode = "200", description = "Resumed")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "It is not paused")
	ResponseEntity<ProcessView> resume(@Parameter(example = "r2") @PathVariable String id) {
		return forward("POST", "/api/lab/replicas/{id}/resume", ProcessView.class, id);
	}

	@PutMapping("/replicas/{id}/clock-offset")
	@Operation(summary = "Skew a replica's clock",
			description = "Sets the offset the replica adds to its wall clock when it stamps reconcile writes (body "
					+ "{\"offsetMillis\": N}, N within a day either way; 0 heals). Last-writer-wins must still keep a "
					+ "causally later write. GET /api/replica shows the offset in force.")
	@ApiResponse(responseCode = "200", description = "Set")
	@ApiResponse(responseCode = "400", description = "Not {\"offsetMillis\": N}")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "The replica does not answer")
	ResponseEntity<Map<String, Object>> clockOffset(@Parameter(example = "r2") @PathVariable String id,
			@RequestBody tools.jackson.databind.JsonNode body) {
		Map<String, Long> offset = Map.of("offsetMillis", ClockOffsetController.offsetMillis(body));
		return put("/api/lab/replicas/{id}/clock-offset", offset, id);
	}

	@PutMapping("/pitfalls/{name}")
	@Operation(summary = "Switch a pitfall on or off",
			description = "Breaks one guarantee on purpose (body {\"enabled\": true}) or repairs it ({\"enabled\": "
					+ "false}) on every replica, or only on ?replica=rN, at once and for the replica's next start: "
					+ "ack-before-durable, apply-without-dedup, position-outside-transaction, wall-clock-lww, "
					+ "ignore-context (docs/checker.md, Pitfalls). Health (pitfalls) and the dashboard's red banner show it.")
	@ApiResponse(responseCode = "200", description = "Switched; what each replica now has")
	@ApiResponse(responseCode = "400", description = "No such pitfall, or not {\"enabled\": true|false}")
	@ApiResponse(responseCode = "404", description = "No such replica")
	@ApiResponse(responseCode = "409", description = "A replica did not take it (paused, not answering)")
	ResponseEntity<Map<String, Object>> pitfall(@Parameter(example = "ack-before-durable") @PathVariable String name,
			@Parameter(description = "only this replica (default: every replica)",
					example = "r2") @RequestParam(required = false) String replica,
			@RequestBody(required = false) tools.jackson.databind.JsonNode body) {
		Map<String, Boolean> enabled = Map.of("enabled", PitfallSwitchController.enabled(body));
		PitfallSwitchController.pitfall(name);
		String path = (replica != null) ? "/api/lab/pitfalls/{name}?replica={replica}" : "/api/lab/pitfalls/{name}";
		Object[] variables = (replica != null) ? new Object[] { name, replica } : new Object[] { name };
		return put(path, enabled, variables);
	}

	@PostMapping("/kafka/kill")
	@Operation(summary = "kill -9 the Kafka broker",
			description = "SIGKILL: no clean shutdown; its data is kept. Start it again with /kafka/start.")
	@ApiResponse(responseCode = "200", description = "Killed")
	@ApiResponse(responseCode = "409", description = "It is not running")
	ResponseEntity<ProcessView> killKafka() {
		return forward("POST", "/api/lab/kafka/kill", ProcessView.class);
	}

	@PostMapping("/kafka/stop")
	@Operation(summary = "Stop the Kafka broker",
			description = "SIGTERM (SIGKILL after 30 s); its data is kept. total-order writes stay durable but are "
					+ "not ordered until it is back.")
	@ApiResponse(responseCode = "200", description = "Stopped")
	@ApiResponse(responseCode = "409", description = "It is not running")
	ResponseEntity<ProcessView> stopKafka() {
		return forward("POST", "/api/lab/kafka/stop", ProcessView.class);
	}

	@PostMapping("/kafka/start")
	@Operation(summary = "Start the Kafka broker again", description = "On its kept data; starting until it answers.")
	@ApiResponse(responseCode = "202", description = "Started; state starting")
	@ApiResponse(responseCode = "409", description = "It is already running or starting")
	ResponseEntity<ProcessView> startKafka() {
		return forward("POST", "/api/lab/kafka/start", ProcessView.class);
	}

	@ExceptionHandler(SupervisorForwarder.SupervisorUnavailable.class)
	ResponseEntity<ProblemDetail> unavailable(SupervisorForwarder.SupervisorUnavailable ex) {
		return ex.toProblem();
	}

	private <T> ResponseEntity<T> forward(String method, String path, Class<T> type, Object... variables) {
		return forwardWithBody(method, path, type, null, variables);
	}

	/** A PUT of a JSON body whose answer, a JSON object, is passed on as it is. */
	@SuppressWarnings("unchecked")
	private ResponseEntity<Map<String, Object>> put(String path, Object body, Object... variables) {
		return (ResponseEntity<Map<String, Object>>) (ResponseEntity<?>) forwardWithBody("PUT", path, Map.class, body,
				variables);
	}

	private <T> ResponseEntity<T> forwardWithBody(String method, String path, Class<T> type, Object body,
			Object... variables) {
		return this.supervisor.typed(HttpMethod.valueOf(method), path, type, body, variables);
	}

}
