package io.replicationlab.tracing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where people look at traces.
 *
 * @param uiUrl the Zipkin UI's base URL (e.g. {@code http://localhost:9411}); when set,
 * an op's status links to its trace there
 */
@ConfigurationProperties("tracing")
record TracingProperties(URI uiUrl) {
}
