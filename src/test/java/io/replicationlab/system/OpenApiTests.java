package io.replicationlab.system;

import io.replicationlab.replica.ReplicaView;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
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

	@Test
	void modeAndAwaitAreEnumsThatSwaggerUiShowsAsDropdowns() {
		JsonNode paths = http().get("/v3/api-docs").json().path("paths");
		java.util.List<String> modes = java.util.Arrays.stream(io.replicationlab.replica.Mode.values())
			.map(io.replicationlab.replica.Mode::pathSegment)
			.toList();
		java.util.List<String> awaitLevels = java.util.Arrays.stream(io.replicationlab.mode.AwaitLevel.values())
			.map(io.replicationlab.mode.AwaitLevel::label)
			.toList();

		assertThat(enumOf(paths.path("/api/{mode}/kv/{key}").path("put"), "mode")).isEqualTo(modes);
		assertThat(enumOf(paths.path("/api/{mode}/kv/{key}").path("put"), "await")).isEqualTo(awaitLevels);
		assertThat(enumOf(paths.path("/api/replica/applied").path("get"), "mode")).isEqualTo(modes);
	}

	@Test
	void errorResponsesAreProblemDocumentsWithAnExampleWhoseTypePageTheReplicaServes() {
		JsonNode badRequest = http().get("/v3/api-docs")
			.json()
			.path("paths")
			.path("/api/{mode}/kv/{key}")
			.path("put")
			.path("responses")
			.path("400")
			.path("content")
			.path("application/problem+json");
		JsonNode example = badRequest.path("examples").properties().iterator().next().getValue().path("value");

		assertThat(example.path("status").asInt()).isEqualTo(400);
		Response page = http().get(example.path("type").asString());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(example.path("title").asString());
	}

	@Test
	void theLicenseTheDocumentDeclaresIsTheRepositorysLicenseFile() throws java.io.IOException {
		JsonNode license = http().get("/v3/api-docs").json().path("info").path("license");
		String file = java.nio.file.Files.readString(java.nio.file.Path.of("LICENSE"));

		assertThat(license.path("name").asString()).isEqualTo("Apache-2.0");
		assertThat(file).contains("Apache License").contains("Version 2.0, January 2004");
	}

	private static java.util.List<String> enumOf(JsonNode operation, String parameter) {
		java.util.List<String> values = new java.util.ArrayList<>();
		operation.path("parameters").forEach((p) -> {
			if (parameter.equals(p.path("name").asString())) {
				p.path("schema").path("enum").forEach((v) -> values.add(v.asString()));
			}
		});
		return values;
	}

	@Test
	void theReplicaSummaryHasASchemaThatNamesWhatTheReplicaAnswers() {
		JsonNode document = http().get("/v3/api-docs").json();
		JsonNode schema = document.path("components").path("schemas").path("ReplicaSummary");
		JsonNode answer = http().get("/api/replica").json();

		assertThat(document.path("paths")
			.path("/api/replica")
			.path("get")
			.path("responses")
			.path("200")
			.path("content")
			.path("application/json")
			.path("schema")
			.path("$ref")
			.asString()).isEqualTo("#/components/schemas/ReplicaSummary");
		schema.path("required")
			.forEach((field) -> assertThat(answer.has(field.asString())).as(field.asString()).isTrue());
		assertThat(schema.path("properties").path("modes").path("properties").has("total-order")).isTrue();
		assertThat(schema.path("additionalProperties").asBoolean()).as("the sections other modules contribute")
			.isTrue();
	}

	/**
	 * The schema is derived from the record the controller answers: a component added to
	 * {@code ReplicaView} (or to a mode's entry) is described without anyone writing it
	 * down twice.
	 */
	@Test
	void theReplicaSummarySchemaNamesEveryFieldOfTheReplicaView() {
		JsonNode schemas = http().get("/v3/api-docs").json().path("components").path("schemas");

		assertThat(schemas.path("ReplicaSummary").path("properties").propertyNames())
			.containsExactlyElementsOf(jsonFields(ReplicaView.class));
		JsonNode position = schemas.path("ReplicaSummary")
			.path("properties")
			.path("modes")
			.path("properties")
			.path("local");
		JsonNode mode = position.has("$ref")
				? schemas.path(position.path("$ref").asString().substring("#/components/schemas/".length())) : position;
		assertThat(mode.path("properties").propertyNames())
			.containsExactlyElementsOf(jsonFields(ReplicaView.ModeView.class));
		assertThat(mode.path("additionalProperties").asBoolean()).as("what each mode adds to its position").isTrue();
	}

	/**
	 * A record's components as JSON fields; an any-getter's are flattened, not one field.
	 */
	private static java.util.List<String> jsonFields(Class<? extends Record> record) {
		return java.util.Arrays.stream(record.getRecordComponents())
			.filter((component) -> !component.getAccessor()
				.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonAnyGetter.class)
					&& !component.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonAnyGetter.class))
			.map(java.lang.reflect.RecordComponent::getName)
			.toList();
	}

}
