package io.replicationlab.system;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.replicationlab.replica.ReplicaProperties;

import org.springframework.stereotype.Component;

/**
 * The cluster's own browser origins: every replica's URL in {@code replica.peers} (this
 * replica's own entry included when the list names it), each loopback URL also under its
 * other loopback names, and {@code replica.allowed-origins}. A page from any other origin
 * may read (where CORS lets it) but never change anything. The list is explicit on
 * purpose: trusting whatever {@code Host} a request names would let a DNS-rebinding page
 * pass as same-origin.
 */
@Component
public class ClusterOrigins {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private final Set<String> origins;

	ClusterOrigins(ReplicaProperties replica, OriginProperties settings) {
		Set<String> known = new LinkedHashSet<>();
		for (String entry : replica.peers().split(",")) {
			int equals = entry.indexOf('=');
			if (equals > 0) {
				addWithAliases(known, entry.substring(equals + 1).trim());
			}
		}
		settings.allowedOrigins().forEach((origin) -> addWithAliases(known, origin.trim()));
		this.origins = Set.copyOf(known);
	}

	/**
	 * The origins CORS answers, in a stable order for the
	 * {@code Access-Control-Allow-Origin} check.
	 */
	public Set<String> all() {
		return this.origins;
	}

	/**
	 * Whether a page from {@code origin} may call this replica's state-changing API. A
	 * request arriving on {@code localPort} also trusts this replica's own loopback
	 * origins on that port, so a replica that is not named in its own peer list still
	 * serves its own dashboard.
	 */
	public boolean allows(String origin, int localPort) {
		String normalized = normalize(origin);
		if (normalized == null) {
			return false;
		}
		if (this.origins.contains(normalized)) {
			return true;
		}
		return LOOPBACK.stream().anyMatch((host) -> normalized.equals("http://" + host + ":" + localPort));
	}

	private static void addWithAliases(Set<String> known, String url) {
		String normalized = normalize(url);
		if (normalized == null) {
			return;
		}
		known.add(normalized);
		URI uri = URI.create(normalized);
		if (uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
			String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
			LOOPBACK.forEach((host) -> known.add(uri.getScheme() + "://" + host + port));
		}
	}

	/**
	 * {@code scheme://host[:port]} in lower case without a default port or path, or
	 * {@code null} when the text is no http(s) origin ({@code null}, the opaque
	 * {@code "null"} origin of sandboxed pages and files).
	 */
	static String normalize(String origin) {
		if (origin == null || origin.isBlank()) {
			return null;
		}
		try {
			URI uri = URI.create(origin.trim());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
			if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
				return null;
			}
			int port = uri.getPort();
			boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
					|| ("https".equals(scheme) && port == 443);
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
