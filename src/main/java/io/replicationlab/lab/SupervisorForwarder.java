package io.replicationlab.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import io.replicationlab.system.ClientProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one way a replica of the lab forwards a call to the lab supervisor
 * ({@code lab.supervisor-url}): {@link LabController}'s controls come back typed, the
 * stories and checks of {@link StoryForwardController} verbatim. Either way a supervisor
 * that cannot be reached is a {@link SupervisorUnavailable} (503, with
 * {@code Retry-After}: a restarting lab comes back), never a silent error.
 */
@Component
@ConditionalOnProperty("lab.supervisor-url")
class SupervisorForwarder {

	private static final Logger log = LoggerFactory.getLogger(SupervisorForwarder.class);

	/** The headers of a verbatim answer that mean something to the browser. */
	private static final List<String> VERBATIM_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_DISPOSITION,
			"Content-Security-Policy");

	private final RestClient supervisor;

	private final String supervisorUrl;

	SupervisorForwarder(@Value("${lab.supervisor-url}") String supervisorUrl) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		// Stopping the broker waits for its clean shutdown (up to 30 s, then SIGKILL).
		requests.setReadTimeout(Duration.ofSeconds(60));
		this.supervisor = RestClient.builder().baseUrl(supervisorUrl).requestFactory(requests).build();
		this.supervisorUrl = supervisorUrl;
	}

	String supervisorUrl() {
		return this.supervisorUrl;
	}

	/**
	 * The supervisor's answer read as {@code type}; its refusals (4xx) as the same
	 * problems, anything else that is not a success as a 502.
	 */
	<T> ResponseEntity<T> typed(HttpMethod method, String path, Class<T> type, Object body, Object... variables) {
		try {
			RestClient.RequestBodySpec spec = this.supervisor.method(method).uri(path, variables);
			if (body != null) {
				spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return spec.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
				.exchange((request, response) -> {
					HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
					if (status != null && status.is4xxClientError()) {
						throw refusal(status, response.bodyTo(ProblemDetail.class));
					}
					if (status == null || !status.is2xxSuccessful()) {
						throw new SupervisorUnavailable(HttpStatus.BAD_GATEWAY,
								"The lab supervisor at " + this.supervisorUrl + " answered " + response.getStatusCode()
										+ " to " + method + " " + path + "; its console says why");
					}
					return ResponseEntity.status(status).body(response.bodyTo(type));
				});
		}
		catch (RestClientException ex) {
			throw failure(ex);
		}
	}

	/**
	 * The supervisor's answer as it is: status, body, content type and the headers a
	 * browser acts on ({@code Location}, {@code Content-Disposition},
	 * {@code Content-Security-Policy}); problems included.
	 * @param rawPath the path as the client sent it (already encoded)
	 * @param jsonBody the body to send as JSON, or {@code null} for none
	 */
	ResponseEntity<byte[]> verbatim(HttpMethod method, String rawPath, String jsonBody) {
		try {
			RestClient.RequestBodySpec spec = this.supervisor.method(method)
				.uri(URI.create(this.supervisorUrl + rawPath));
			if (jsonBody != null) {
				spec = spec.contentType(MediaType.APPLICATION_JSON).body(jsonBody);
			}
			return spec.exchange((request, response) -> {
				ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.getStatusCode());
				MediaType contentType = response.getHeaders().getContentType();
				if (contentType != null) {
					answer.contentType(contentType);
				}
				for (String header : VERBATIM_HEADERS) {
					String value = response.getHeaders().getFirst(header);
					if (value != null) {
						answer.header(header, value);
					}
				}
				return answer.body(response.getBody().readAllBytes());
			});
		}
		catch (RestClientException ex) {
			throw failure(ex);
		}
	}

	private SupervisorUnavailable failure(RestClientException ex) {
		if (ex instanceof ResourceAccessException) {
			log.warn("Lab supervisor at {} unreachable: {}", this.supervisorUrl, ex.getMessage());
			return new SupervisorUnavailable(HttpStatus.SERVICE_UNAVAILABLE,
					"The lab supervisor at " + this.supervisorUrl + " cannot be reached ("
							+ ex.getMostSpecificCause().getMessage() + "): has the lab stopped?");
		}
		return new SupervisorUnavailable(HttpStatus.BAD_GATEWAY,
				"The lab supervisor at " + this.supervisorUrl + " answered something unreadable: " + ex.getMessage());
	}

	private static ClientProblem refusal(HttpStatus status, ProblemDetail problem) {
		String detail = (problem != null && problem.getDetail() != null) ? problem.getDetail()
				: status.getReasonPhrase();
		String title = (problem != null && problem.getTitle() != null) ? problem.getTitle() : status.getReasonPhrase();
		String type = (problem != null && problem.getType() != null && problem.getType().getPath() != null)
				? problem.getType().getPath().substring(problem.getType().getPath().lastIndexOf('/') + 1)
				: "lab-refused";
		return new ClientProblem(status, type, title, detail);
	}

	/**
	 * The supervisor could not be reached (503) or answered a server error or nonsense
	 * (502).
	 */
	static final class SupervisorUnavailable extends RuntimeException {

		private final HttpStatus status;

		SupervisorUnavailable(HttpStatus status, String message) {
			super(message);
			this.status = status;
		}

		/** The problem a client sees. */
		ResponseEntity<ProblemDetail> toProblem() {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
			problem.setType(URI.create("/problems/lab-supervisor-unavailable"));
			problem.setTitle((this.status == HttpStatus.SERVICE_UNAVAILABLE) ? "Lab supervisor unreachable"
					: "Bad answer from the lab supervisor");
			ResponseEntity.BodyBuilder answer = ResponseEntity.status(this.status)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
			if (this.status == HttpStatus.SERVICE_UNAVAILABLE) {
				// a restarting lab comes back: tell clients when to ask again, as every
				// other 503 here does
				answer = answer.header(HttpHeaders.RETRY_AFTER, "1");
			}
			return answer.body(problem);
		}

	}

}
