package io.replicationlab.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may drive this replica from a browser, and whether the public default token is
 * tolerated.
 *
 * @param allowedOrigins further origins (beside this replica's own and its peers' URLs)
 * whose pages may call the state-changing API, e.g. {@code https://lab.example.org} when
 * the replicas sit behind a proxy ({@code REPLICA_ALLOWED_ORIGINS}, comma-separated)
 * @param allowDefaultToken whether this replica may start with the cluster token
 * {@code change-me} that everyone knows: only for a demo on one machine
 * ({@code REPLICA_ALLOW_DEFAULT_TOKEN})
 */
@ConfigurationProperties("replica")
public record OriginProperties(@DefaultValue("") List<String> allowedOrigins,
		@DefaultValue("false") boolean allowDefaultToken) {

	public OriginProperties {
		allowedOrigins = (allowedOrigins != null) ? allowedOrigins.stream().filter((o) -> !o.isBlank()).toList()
				: List.of();
	}

}
