package io.replicationlab.system;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to a refused request, as the client sees its headers. */
class ProblemHandlerTests {

	private final ProblemHandler handler = new ProblemHandler();

	@Test
	void a503TellsTheClientWhenToRetry() {
		ResponseEntity<ProblemDetail> response = this.handler.clientProblem(new ClientProblem(
				HttpStatus.SERVICE_UNAVAILABLE, "rejoining", "Rejoining", "Catching up on its own writes"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().getTitle()).isEqualTo("Rejoining");
	}

	@Test
	void aClientErrorHasNoRetryAfter() {
		ResponseEntity<ProblemDetail> response = this.handler
			.clientProblem(ClientProblem.badRequest("bad-key", "Bad key", "Key '' is empty"));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
	}

}
