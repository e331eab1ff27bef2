package io.replicationlab.system;

import io.replicationlab.support.OneReplicaTests;
import io.replicationlab.support.ReplicaHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every client endpoint, and Swagger UI serves it. */
class OpenApiTests extends OneReplicaTests {

	@Test
	void describesEveryClientEndpointWithASummary() {
		Response response = http().get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		JsonNode paths = response.json().path("paths");

		assertOperation(paths, "/api/{mode}/kv/{key}", "put");
		assertOperation(paths, "/api/{mode}/kv/{key}", "get");
		assertOperation(paths, "/api/{mode}/kv/{key}", "delete");
		assertOperation(paths, "/api/{mode}/kv", "get");
		assertOperation(paths, "/api/replica", "get");
		assertOperation(paths, "/api/replica/wal", "get");
		assertOperation(paths, "/api/replica/applied", "get");
		assertOperation(paths, "/api/replica/ops/{opId}", "get");
		assertThat(paths.has("/api/{mode}/kv/")).as("the empty-key guard is no endpoint").isFalse();
		assertThat(response.json().path("components").path("schemas").path("WriteBody").path("properties").has("value"))
			.isTrue();
	}

	@Test
	void everyDocumentedOperationHasASummaryAndNoInternalOrErrorPathIsDocumented() {
		JsonNode paths = http().get("/v3/api-docs").json().path("paths");

		paths.properties().forEach((path) -> {
			assertThat(path.getKey()).doesNotStartWith("/internal").isNotEqualTo("/error");
			path.getValue()
				.properties()
				.forEach((operation) -> assertThat(operation.getValue().path("summary").asString())
					.as(operation.getKey() + " " + path.getKey() + " has a summary")
					.isNotBlank());
		});
	}

	@Test
	void swaggerUiIsServed() {
		Response redirect = http().get("/swagger-ui.html");
		assertThat(redirect.status()).isEqualTo(302);

		Response page = http().get("/swagger-ui/index.html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("Swagger UI");
	}

	private static void assertOperation(JsonNode paths, String path, String method) {
		JsonNode operation = paths.path(path).path(method);
		assertThat(operation.isMissingNode()).as(method + " " + path + " is documented").isFalse();
		assertThat(operation.path("summary").asString()).as(method + " " + path + " has a summary").isNotBlank();
	}

}
