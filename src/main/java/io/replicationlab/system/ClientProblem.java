package io.replicationlab.system;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request this replica refuses, answered as an {@code application/problem+json}
 * document (RFC 9457) whose title names the problem and whose detail says what to change.
 * Thrown before anything is written.
 */
public class ClientProblem extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final Map<String, Object> properties;

	public ClientProblem(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, Map.of());
	}

	public ClientProblem(HttpStatus status, String type, String title, String detail, Map<String, Object> properties) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.properties = Map.copyOf(properties);
	}

	public static ClientProblem badRequest(String type, String title, String detail) {
		return new ClientProblem(HttpStatus.BAD_REQUEST, type, title, detail);
	}

	public static ClientProblem notFound(String type, String title, String detail) {
		return new ClientProblem(HttpStatus.NOT_FOUND, type, title, detail);
	}

	public HttpStatus status() {
		return this.status;
	}

	public ProblemDetail toProblemDetail() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
		problem.setType(ProblemTypes.uri(this.type));
		problem.setTitle(this.title);
		this.properties.forEach(problem::setProperty);
		return problem;
	}

}
