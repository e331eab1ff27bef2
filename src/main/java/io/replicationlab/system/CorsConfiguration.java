package io.replicationlab.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a page served by one replica call the API of every other replica. The dashboard reads each replica's WAL,
 * applied log and state directly from that replica where the browser reaches it (the lab), so the others stay on
 * screen while the replica serving the page is down; elsewhere it reads them through that replica's read proxy
 * ({@code /api/cluster/replicas/{id}/...}). The API takes no cookies and no credentials, so any origin may call it.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping("/api/**")
			.allowedOrigins("*")
			.allowedMethods("GET", "PUT", "DELETE", "POST")
			.allowedHeaders("*")
			.allowCredentials(false)
			.maxAge(600);
	}

}
