package io.replicationlab.lab;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lab/stories/**} and {@code /api/lab/checks/**} on a replica of the lab:
 * forwarded as they are to the lab supervisor, which plays the stories (a story kills and
 * restarts replicas, so it cannot live in one of them) and reads the checker's runs.
 * Answers, problems included, come back unchanged ({@link SupervisorForwarder#verbatim});
 * an unreachable supervisor is a 503 problem.
 */
@RestController
@ConditionalOnProperty("lab.supervisor-url")
@Tag(name = "Lab")
class StoryForwardController {

	private final SupervisorForwarder supervisor;

	StoryForwardController(SupervisorForwarder supervisor) {
		this.supervisor = supervisor;
	}

	@GetMapping("/api/lab/stories")
	@Operation(summary = "The stories",
			description = "The built-in stories (name, title, description, modes, number of steps) and the run playing.")
	ResponseEntity<byte[]> stories(HttpServletRequest request) {
		return forward("GET", request.getRequestURI(), null);
	}

	@GetMapping({ "/api/lab/stories/{name}", "/api/lab/stories/runs/{id}", "/api/lab/stories/runs/{id}/report.json",
			"/api/lab/stories/runs/{id}/report.html" })
	@Operation(summary = "A story's JSON, or a run's progress and report",
			description = "/api/lab/stories/{name}: the story as JSON (story.schema.json). /api/lab/stories/runs/{id}: "
					+ "the run's status, current step and narration, each step's result, and at the end the report. "
					+ "/report.json and /report.html: the report to download (409 until the run has finished).")
	ResponseEntity<byte[]> get(HttpServletRequest request) {
		return forward("GET", request.getRequestURI(), null);
	}

	@GetMapping({ "/api/lab/checks/latest", "/api/lab/checks/{run}/timeline.html",
			"/api/lab/checks/{run}/results.json" })
	@Operation(summary = "The latest check run, and its timeline and results",
			description = "/api/lab/checks/latest: the newest run of the checker (./mvnw -Pcheck verify) under "
					+ "lab.check-dir: its name, verdict (valid true/false/unknown), seed, counts (operations, faults, "
					+ "anomalies found) and links; 204 when there is none. /api/lab/checks/{run}/timeline.html and "
					+ "results.json: that run's self-contained timeline and its results.")
	@ApiResponse(responseCode = "200", description = "The run, or its file")
	@ApiResponse(responseCode = "204", description = "No check has run yet")
	@ApiResponse(responseCode = "404", description = "No such run or file")
	ResponseEntity<byte[]> checks(HttpServletRequest request) {
		return forward("GET", request.getRequestURI(), null);
	}

	@PostMapping("/api/lab/stories/{name}/runs")
	@Operation(summary = "Run a story",
			description = "Without a body: the built-in story {name}. With a body: the story posted (its name must be "
					+ "{name}). Plays in the background, one run at a time; poll the Location.")
	@ApiResponse(responseCode = "202", description = "Started")
	@ApiResponse(responseCode = "400", description = "A bad story: the problem names the step (index, name) and field")
	@ApiResponse(responseCode = "409", description = "Another story is still running")
	ResponseEntity<byte[]> run(@Parameter(example = "same-writes-three-modes") @PathVariable String name,
			@RequestBody(required = false) String story, HttpServletRequest request) {
		return forward("POST", request.getRequestURI(), (story != null) ? story : "");
	}

	@ExceptionHandler(SupervisorForwarder.SupervisorUnavailable.class)
	ResponseEntity<ProblemDetail> unavailable(SupervisorForwarder.SupervisorUnavailable ex) {
		return ex.toProblem();
	}

	private ResponseEntity<byte[]> forward(String method, String path, String body) {
		return this.supervisor.verbatim(HttpMethod.valueOf(method), path, body);
	}

}
