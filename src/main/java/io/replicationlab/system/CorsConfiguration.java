package io.replicationlab.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a page served by one replica call the API of the other replicas, and no other
 * page. The dashboard reads each replica's WAL, applied log and state directly from that
 * replica where the browser reaches it (the lab), so the others stay on screen while the
 * replica serving the page is down; elsewhere it reads them through that replica's read
 * proxy ({@code /api/cluster/replicas/{id}/...}). Only the cluster's own origins
 * ({@link ClusterOrigins}) get an {@code Access-Control-Allow-Origin};
 * {@link OriginGuardFilter} refuses the state-changing requests CORS cannot stop.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

	private final ClusterOrigins origins;

	CorsConfiguration(ClusterOrigins origins) {
		this.origins = origins;
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/api/**")
			.allowedOrigins(this.origins.all().toArray(String[]::new))
			.allowedMethods("GET", "PUT", "DELETE", "POST")
			.allowedHeaders("*")
			.allowCredentials(false)
			.maxAge(600);
	}

}
