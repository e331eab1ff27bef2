package io.replicationlab.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses any state-changing request (every method but {@code GET} and {@code HEAD},
 * preflights included) that a browser sent from a page outside the cluster's own origins
 * ({@link ClusterOrigins}), with a 403 problem, before it reaches a controller. A browser
 * sends a simple cross-site {@code POST} (a form, {@code fetch} with {@code no-cors})
 * without asking CORS first, so CORS alone would not stop a page from killing a replica
 * or cutting the network. Requests without an {@code Origin} header (curl, scripts, the
 * replicas themselves) are not browsers' cross-site requests and pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class OriginGuardFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(OriginGuardFilter.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

	private final ClusterOrigins origins;

	OriginGuardFilter(ClusterOrigins origins) {
		this.origins = origins;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return SAFE_METHODS.contains(request.getMethod()) || request.getHeader("Origin") == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader("Origin");
		if (this.origins.allows(origin, request.getLocalPort())) {
			chain.doFilter(request, response);
			return;
		}
		log.warn("Refused {} {} from origin '{}': not one of the cluster's own origins", request.getMethod(),
				request.getRequestURI(), origin);
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("""
					{"type":"/problems/foreign-origin","title":"Foreign origin",\
					"status":403,"detail":"A page from %s may not change this cluster; its own origins are the \
					replicas' URLs (replica.peers) and replica.allowed-origins","instance":"%s"}""".formatted(
					ClusterTokenFilter.jsonEscape(String.valueOf(origin)),
					ClusterTokenFilter.jsonEscape(request.getRequestURI())));
	}

}
