package io.replicationlab.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.replicationlab.testing.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the OpenAPI document the application serves at {@code /v3/api-docs} to
 * {@code target/openapi.json}, where tools/check-deploy.mjs lints it with Redocly after
 * {@code ./mvnw verify}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "replica.id=deploy-test", "replica.data-dir=target/deploy-tests/${random.uuid}" })
class OpenApiDocumentTests {

	static final Path DOCUMENT = Path.of("target", "openapi.json");

	@LocalServerPort
	private int port;

	@Test
	void servesTheOpenApiDocumentAndWritesItForTheLint() throws Exception {
		Http.Response response = Http.to(this.port).get("/v3/api-docs");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("{").contains("\"openapi\"").contains("/api/replica");
		Files.createDirectories(DOCUMENT.getParent());
		Files.writeString(DOCUMENT, response.body());
	}

}
