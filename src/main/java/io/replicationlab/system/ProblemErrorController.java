package io.replicationlab.system;

import java.net.URI;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}) as {@code application/problem+json},
 * whatever the client accepts. It answers what never reached a controller: requests the
 * servlet container itself refused (a malformed URI, a body it would not read) and errors
 * raised in filters. Replaces Spring Boot's HTML/JSON error page, so that every refusal
 * of this service has one shape.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
		String detail = (status.is4xxClientError())
				? "The request was refused before it reached the API: " + reason(request)
				: "The replica failed to handle the request; its log says why.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + (status.is4xxClientError() ? "bad-request" : "internal")));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static HttpStatus status(Object code) {
		if (code instanceof Integer value) {
			HttpStatus resolved = HttpStatus.resolve(value);
			if (resolved != null && resolved.isError()) {
				return resolved;
			}
		}
		return HttpStatus.NOT_FOUND;
	}

	private static String reason(HttpServletRequest request) {
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		String text = (message instanceof String value && !value.isBlank()) ? value : "malformed request";
		StringBuilder printable = new StringBuilder();
		text.codePoints().limit(300).forEach((c) -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return printable.toString();
	}

}
