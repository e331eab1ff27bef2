package io.replicationlab.story;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;

/**
 * How the lab supervisor's HTTP server answers, for the stories ({@link StoryHttp}) and
 * the lab controls alike: JSON, and refusals as RFC 9457 problem documents.
 */
public final class HttpReplies {

	private HttpReplies() {
	}

	/**
	 * A refusal as {@code application/problem+json}.
	 * @param type the problem's name under {@code /problems/}
	 * @param extensions members after the standard ones, in the map's order (RFC 9457
	 * leaves them to each problem)
	 */
	public static void problem(HttpExchange exchange, int status, String type, String title, String detail,
			Map<String, Object> extensions) throws IOException {
		Problem problem = new Problem("/problems/" + type, title, status, detail, exchange.getRequestURI().getPath(),
				extensions);
		send(exchange, status, "application/problem+json", LabCalls.JSON.writeValueAsBytes(problem));
	}

	public static void json(HttpExchange exchange, int status, Object body) throws IOException {
		send(exchange, status, "application/json", LabCalls.JSON.writeValueAsBytes(body));
	}

	public static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
	record Problem(String type, String title, int status, String detail, String instance,
			@JsonAnyGetter Map<String, Object> extensions) {
	}

}
