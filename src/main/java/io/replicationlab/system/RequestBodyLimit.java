package io.replicationlab.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@value #MAX_BODY_BYTES} bytes with a 413 problem before
 * they are read, so that a huge body costs the replica neither memory nor a parse. The
 * limit leaves room for the largest value (64 KiB of UTF-8) even when every character of
 * it is JSON-escaped ({@code \u0001}: six bytes each). A body of unknown length (chunked)
 * is counted as it is read and refused the same way once it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class RequestBodyLimit extends OncePerRequestFilter {

	static final long MAX_BODY_BYTES = 1024 * 1024;

	private final JsonMapper json;

	RequestBodyLimit(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > MAX_BODY_BYTES) {
			refuse(request, response, "The body is " + length + " bytes; at most " + MAX_BODY_BYTES + " are allowed");
			return;
		}
		chain.doFilter((length < 0) ? new CountedRequest(request) : request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "/problems/body-too-large");
		problem.put("title", "Request body too large");
		problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Connection", "close");
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * Thrown while reading a body of unknown length that passes the limit; answered as a
	 * 413 problem.
	 */
	static class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("The body is more than " + MAX_BODY_BYTES + " bytes; at most " + MAX_BODY_BYTES + " are allowed");
		}

	}

	private static final class CountedRequest extends HttpServletRequestWrapper {

		private ServletInputStream counted;

		CountedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.counted == null) {
				this.counted = new CountedInputStream(super.getInputStream());
			}
			return this.counted;
		}

	}

	private static final class CountedInputStream extends ServletInputStream {

		private final ServletInputStream body;

		private long count;

		CountedInputStream(ServletInputStream body) {
			this.body = body;
		}

		@Override
		public int read() throws IOException {
			int next = this.body.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			int read = this.body.read(bytes, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.count += bytes;
			if (this.count > MAX_BODY_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}
