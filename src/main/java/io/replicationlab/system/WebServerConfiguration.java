package io.replicationlab.system;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets an encoded slash ({@code %2F}) or backslash ({@code %5C}) in a path reach the
 * application, still encoded, instead of Tomcat refusing the request with an HTML page:
 * {@code PUT /api/local/kv/a%2Fb} is then a key {@code a/b}, which the key rules refuse
 * as an {@code application/problem+json} 400 like every other bad key. Routing is
 * unaffected: the slash stays inside its path segment.
 */
@Configuration(proxyBeanMethods = false)
class WebServerConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApplication() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		});
	}

}
