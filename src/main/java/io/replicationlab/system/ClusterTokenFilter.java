package io.replicationlab.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

import io.replicationlab.replica.ReplicaProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /internal/**}, the replica-to-replica API: a request must carry the
 * cluster token ({@code replica.cluster-token}) in {@value #TOKEN_HEADER}, compared in
 * constant time so that response timing does not reveal how much of a guess was right.
 * Without it the answer is a 401 problem and the request never reaches a controller, so
 * nothing is applied.
 */
@Component
public class ClusterTokenFilter extends OncePerRequestFilter {

	/** The header carrying the cluster token on every replica-to-replica request. */
	public static final String TOKEN_HEADER = "X-Cluster-Token";

	/** The header naming the replica that sends a replica-to-replica request. */
	public static final String REPLICA_HEADER = "X-Replica-Id";

	private static final Logger log = LoggerFactory.getLogger(ClusterTokenFilter.class);

	private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");

	private final byte[] token;

	/**
	 * The token everyone knows; a replica refuses it unless
	 * {@code replica.allow-default-token=true}.
	 */
	static final String DEFAULT_TOKEN = "change-me";

	ClusterTokenFilter(ReplicaProperties replica, OriginProperties settings) {
		this.token = replica.clusterToken().getBytes(StandardCharsets.UTF_8);
		if (DEFAULT_TOKEN.equals(replica.clusterToken())) {
			if (!settings.allowDefaultToken()) {
				throw new IllegalStateException("replica.cluster-token is the public default '" + DEFAULT_TOKEN
						+ "': anyone who can reach this replica could call /internal/**. Set REPLICA_CLUSTER_TOKEN to a "
						+ "secret shared by the replicas, or, for a demo on one machine only, "
						+ "REPLICA_ALLOW_DEFAULT_TOKEN=true (--replica.allow-default-token=true)");
			}
			log.warn("replica.cluster-token is the default '{}', allowed for a demo (replica.allow-default-token): "
					+ "anyone who can reach this replica can call /internal/**", DEFAULT_TOKEN);
		}
	}

	/**
	 * Guarded when either form of the path names {@code /internal}: the container's
	 * decoded, normalized one ({@code //internal}, {@code /api/../internal}) and the raw
	 * one with path parameters removed ({@code /internal;x=y/...}, which Spring MVC
	 * matches as {@code /internal/...}).
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String normalized = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		String raw = request.getRequestURI().substring(request.getContextPath().length());
		// no regex for the usual path without parameters: this runs on every request
		return !(internal(normalized)
				|| internal((raw.indexOf(';') < 0) ? raw : PATH_PARAMETERS.matcher(raw).replaceAll("")));
	}

	private static boolean internal(String path) {
		return path.equals("/internal") || path.startsWith("/internal/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(TOKEN_HEADER);
		if (presented != null && MessageDigest.isEqual(this.token, presented.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		log.warn("Refused {} {} from {} (replica header '{}'): {} cluster token", request.getMethod(),
				request.getRequestURI(), request.getRemoteAddr(), request.getHeader(REPLICA_HEADER),
				(presented == null) ? "no" : "wrong");
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("""
				{"type":"/problems/cluster-token","title":"Cluster token required",\
				"status":401,"detail":"/internal/** is for replicas only: send the cluster token in the %s header",\
				"instance":"%s"}""".formatted(TOKEN_HEADER, jsonEscape(request.getRequestURI())));
	}

	static String jsonEscape(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\' || c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
