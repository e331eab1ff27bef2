package io.replicationlab.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document behind Swagger UI ({@code /swagger-ui.html}) and {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI replicationLabOpenApi() {
		return new OpenAPI().info(new Info().title("replication-lab")
			.version("v1")
			.description("""
					Every instance is one replica with its own write-ahead log. Write the same keys to several replicas \
					and compare: `local` keeps each replica's own history, `total-order` applies every write in one \
					order everywhere (a single-partition Kafka topic), `reconcile` accepts writes anywhere and makes \
					the replicas converge with vector clocks. Errors are `application/problem+json` (RFC 9457).""")
			.license(new License().name("Apache-2.0")));
	}

}
