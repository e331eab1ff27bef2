package io.replicationlab.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.replicationlab.replica.Mode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document behind Swagger UI ({@code /swagger-ui.html}) and
 * {@code /v3/api-docs}: the {@code mode} and {@code await} parameters as enums (dropdowns
 * in Swagger UI), and every error response as a problem document with an example whose
 * {@code type} page the replica serves.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * The {@code ?await=} levels (io.replicationlab.mode.AwaitLevel's labels;
	 * OpenApiTests keeps them equal).
	 */
	static final List<String> AWAIT_LEVELS = List.of("durable", "ordered", "applied");

	/** The schema's name in the document (the record is {@code ReplicaView}). */
	static final String REPLICA_SUMMARY = "ReplicaSummary";

	/** One example per error status: the most common problem of that status. */
	private static final Map<String, String> EXAMPLE_TYPES = Map.of("400", "bad-key", "401", "cluster-token", "403",
			"unknown-replica", "404", "absent-key", "409", "op-id-reused", "413", "body-too-large", "500", "internal",
			"503", "partitioned");

	@Bean
	OpenAPI replicationLabOpenApi() {
		return new OpenAPI().info(new Info().title("replication-lab")
			.version("v1")
			.description(
					"""
							Every instance is one replica with its own write-ahead log. Write the same keys to several replicas \
							and compare: `local` keeps each replica's own history, `total-order` applies every write in one \
							order everywhere (a single-partition Kafka topic), `reconcile` accepts writes anywhere and makes \
							the replicas converge with vector clocks. Errors are `application/problem+json` (RFC 9457); \
							each `type` is a page of this replica (`/problems/`). A 503 carries `Retry-After`.""")
			.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
	}

	@Bean
	OpenApiCustomizer enumsAndProblemExamples() {
		List<String> modes = Arrays.stream(Mode.values()).map(Mode::pathSegment).toList();
		return (openApi) -> openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
			enumerate(operation, "mode", modes);
			enumerate(operation, "await", AWAIT_LEVELS);
			if (operation.getResponses() != null) {
				operation.getResponses().forEach(OpenApiConfiguration::problemExample);
			}
		}));
	}

	/**
	 * {@code GET /api/replica} answers a {@code ReplicaView}, whose schema springdoc
	 * derives from the record (its annotations name it {@code ReplicaSummary}, hide the
	 * flattened sections and positions and let them through). What a record cannot say:
	 * which keys {@code modes} has, one per {@link Mode}.
	 */
	@Bean
	@SuppressWarnings({ "rawtypes", "unchecked" })
	OpenApiCustomizer replicaSummaryModes() {
		return (openApi) -> {
			Schema summary = (openApi.getComponents().getSchemas() != null)
					? openApi.getComponents().getSchemas().get(REPLICA_SUMMARY) : null;
			Schema modes = (summary != null && summary.getProperties() != null)
					? (Schema) summary.getProperties().get("modes") : null;
			if (modes == null || modes.getAdditionalProperties() == null) {
				return;
			}
			for (Mode mode : Mode.values()) {
				modes.addProperty(mode.pathSegment(), (Schema) modes.getAdditionalProperties());
			}
			// the replica answers JSON, as the document has always said (springdoc would
			// say */*)
			var replica = openApi.getPaths().get("/api/replica");
			ApiResponse ok = (replica != null && replica.getGet() != null) ? replica.getGet().getResponses().get("200")
					: null;
			if (ok != null && ok.getContent() != null && ok.getContent().containsKey("*/*")) {
				ok.getContent().addMediaType("application/json", ok.getContent().remove("*/*"));
			}
		};
	}

	private static void enumerate(Operation operation, String name, List<String> values) {
		for (Parameter parameter : (operation.getParameters() != null) ? operation.getParameters()
				: List.<Parameter>of()) {
			if (name.equals(parameter.getName())) {
				StringSchema schema = new StringSchema();
				values.forEach(schema::addEnumItem);
				parameter.setSchema(schema);
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void problemExample(String status, ApiResponse response) {
		String type = EXAMPLE_TYPES.get(status);
		if (type == null) {
			return;
		}
		ProblemTypes.Entry entry = ProblemTypes.find(type).orElseThrow();
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", ProblemTypes.BASE + type);
		example.put("title", entry.title());
		example.put("status", Integer.valueOf(status));
		example.put("detail", entry.explanation());
		Schema schema = new Schema<>().type("object");
		for (String field : List.of("type", "title", "detail", "instance")) {
			schema.addProperty(field, new StringSchema());
		}
		schema.addProperty("status", new Schema<>().type("integer"));
		Content content = (response.getContent() != null) ? response.getContent() : new Content();
		content.remove("*/*");
		content.addMediaType("application/problem+json",
				new MediaType().schema(schema).addExamples(type, new Example().summary(entry.title()).value(example)));
		response.setContent(content);
	}

}
