package io.replicationlab.system;

import java.net.URI;

import io.replicationlab.wal.WriterUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refusal into {@code application/problem+json}: the replica's own
 * {@link ClientProblem}s, Spring MVC's standard errors (unknown path, wrong method,
 * unreadable body...), and anything unexpected as a 500 that says only that, with the
 * cause in the log.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/**
	 * What a 503 tells a client: this replica is catching up (rejoining) or cut off
	 * (partitioned), states that last seconds, not a failure; a client that honours
	 * Retry-After comes back when it may succeed instead of at once.
	 */
	static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler(ClientProblem.class)
	ResponseEntity<ProblemDetail> clientProblem(ClientProblem problem) {
		ResponseEntity<ProblemDetail> response = problem(problem.toProblemDetail());
		if (problem.status() != HttpStatus.SERVICE_UNAVAILABLE) {
			return response;
		}
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(response.getBody());
	}

	/**
	 * The single writer takes no more work (shutting down, or ended): nothing was
	 * written, retry shortly.
	 */
	@ExceptionHandler(WriterUnavailableException.class)
	ResponseEntity<ProblemDetail> writerUnavailable(WriterUnavailableException ex) {
		ProblemDetail problem = new ClientProblem(HttpStatus.SERVICE_UNAVAILABLE, "writer-unavailable",
				"Replica not taking writes", ex.getMessage() + "; retry shortly, here or on another replica")
			.toProblemDetail();
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return problem(
				ClientProblem
					.badRequest("bad-parameter", "Bad parameter",
							"Parameter '" + ex.getName() + "' must be " + article(expected) + ", not '" + ex.getValue()
									+ "'")
					.toProblemDetail());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causedBy(ex, RequestBodyLimit.BodyTooLargeException.class)) {
			ProblemDetail problem = new ClientProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
					"Request body too large", new RequestBodyLimit.BodyTooLargeException().getMessage())
				.toProblemDetail();
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		ProblemDetail problem = ClientProblem
			.badRequest("unreadable-body", "Unreadable request body", unreadable(ex.getMostSpecificCause()))
			.toProblemDetail();
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * Says which field was wrong when the JSON parser knows, in words rather than the
	 * parser's.
	 */
	private static String unreadable(Throwable cause) {
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return "Unknown field '" + unknown.getPropertyName() + "'; the fields are "
					+ unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
		}
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			String field = mismatch.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.reduce((a, b) -> a + "." + b)
				.orElseThrow();
			if (mismatch.getTargetType() == String.class) {
				return "Field '" + field + "' must be a JSON string (text in double quotes), not a number, boolean, "
						+ "object or array";
			}
			return "Field '" + field + "' could not be read: " + firstLine(mismatch.getOriginalMessage());
		}
		String reason = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: (cause != null) ? cause.getMessage() : null;
		return "The body must be JSON like {\"value\": \"blue\"}: " + firstLine(reason);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) throws Exception {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The replica failed to handle the request; its log says why.");
		problem.setType(URI.create("/problems/internal"));
		return problem(problem);
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String article(String type) {
		return switch (type) {
			case "long", "int", "Long", "Integer" -> "a whole number";
			case "UUID" -> "a UUID";
			default -> "a " + type;
		};
	}

	private static String firstLine(String text) {
		if (text == null) {
			return "it could not be read";
		}
		String line = text.lines().findFirst().orElse(text);
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

}
