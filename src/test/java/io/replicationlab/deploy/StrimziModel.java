package io.replicationlab.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.kafka.model.bridge.KafkaBridge;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.mirrormaker2.KafkaMirrorMaker2;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.rebalance.KafkaRebalance;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Strimzi's custom resources read the way the operator reads them: into the classes of
 * Strimzi's own API model ({@code io.strimzi:api}, the version in the pom), but strictly.
 * The model keeps unknown fields in an "additional properties" map (any-setters, here and
 * in fabric8's classes) and Jackson coerces {@code "3"} to 3; both are switched off, so a
 * misspelt field, a value of the wrong type or a kind or API version the model does not
 * declare is refused rather than silently ignored by the operator.
 */
final class StrimziModel {

	/** A kind of the model, with the API versions its class declares. */
	record Kind(Class<? extends CustomResource<?, ?>> type, String name, String group, List<String> versions) {

		boolean serves(String apiVersion) {
			return this.versions.stream().anyMatch((version) -> apiVersion.equals(this.group + "/" + version));
		}

	}

	static final List<Kind> KINDS = List.of(
			new Kind(Kafka.class, Kafka.RESOURCE_KIND, Kafka.RESOURCE_GROUP, Kafka.VERSIONS),
			new Kind(KafkaNodePool.class, KafkaNodePool.RESOURCE_KIND, KafkaNodePool.RESOURCE_GROUP,
					KafkaNodePool.VERSIONS),
			new Kind(KafkaTopic.class, KafkaTopic.RESOURCE_KIND, KafkaTopic.RESOURCE_GROUP, KafkaTopic.VERSIONS),
			new Kind(KafkaUser.class, KafkaUser.RESOURCE_KIND, KafkaUser.RESOURCE_GROUP, KafkaUser.VERSIONS),
			new Kind(KafkaConnect.class, KafkaConnect.RESOURCE_KIND, KafkaConnect.RESOURCE_GROUP,
					KafkaConnect.VERSIONS),
			new Kind(KafkaConnector.class, KafkaConnector.RESOURCE_KIND, KafkaConnector.RESOURCE_GROUP,
					KafkaConnector.VERSIONS),
			new Kind(KafkaBridge.class, KafkaBridge.RESOURCE_KIND, KafkaBridge.RESOURCE_GROUP, KafkaBridge.VERSIONS),
			new Kind(KafkaMirrorMaker2.class, KafkaMirrorMaker2.RESOURCE_KIND, KafkaMirrorMaker2.RESOURCE_GROUP,
					KafkaMirrorMaker2.VERSIONS),
			new Kind(KafkaRebalance.class, KafkaRebalance.RESOURCE_KIND, KafkaRebalance.RESOURCE_GROUP,
					KafkaRebalance.VERSIONS));

	private static final YAMLMapper YAML = new YAMLMapper();

	private static final ObjectMapper STRICT = strictMapper();

	private StrimziModel() {
	}

	/**
	 * The version of {@code io.strimzi:api} on the classpath, from its Maven metadata.
	 */
	static String modelVersion() {
		try (InputStream in = Kafka.class.getResourceAsStream("/META-INF/maven/io.strimzi/api/pom.properties")) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every YAML document of the text that is a Strimzi resource (its group). */
	static List<JsonNode> strimziDocuments(String yaml) {
		List<JsonNode> documents = new ArrayList<>();
		try {
			for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
				if (document.path("apiVersion").asText().startsWith(Kafka.RESOURCE_GROUP + "/")) {
					documents.add(document);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

	/**
	 * The document read into its model class.
	 * @throws IllegalArgumentException with the reason, when the model refuses it
	 */
	static CustomResource<?, ?> read(JsonNode document) {
		String kindName = document.path("kind").asText();
		String apiVersion = document.path("apiVersion").asText();
		String what = kindName + "/" + document.path("metadata").path("name").asText();
		Kind kind = KINDS.stream()
			.filter((candidate) -> candidate.name().equals(kindName))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					what + ": Strimzi " + modelVersion() + " has no kind '" + kindName + "'"));
		if (!kind.serves(apiVersion)) {
			throw new IllegalArgumentException(what + ": Strimzi " + modelVersion() + " serves " + kindName + " as "
					+ kind.versions().stream().map((version) -> kind.group() + "/" + version).toList() + ", not '"
					+ apiVersion + "'");
		}
		try {
			// the apiVersion a model object reports is its class's fabric8 @Version
			// whatever
			// the document said: the document's is checked above
			CustomResource<?, ?> resource = STRICT.treeToValue(document, kind.type());
			JsonNode readBack = STRICT.valueToTree(resource);
			document.properties()
				.stream()
				.filter((field) -> !field.getKey().equals("apiVersion"))
				.forEach((field) -> sameAsRead(what, field.getKey(), field.getValue(), readBack.get(field.getKey())));
			return resource;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(what + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether the model holds every value the document gave: an enum value the model does
	 * not know reads as {@code null} (Strimzi's enums map unknown names to null, which
	 * only the CRD's schema would refuse).
	 */
	private static void sameAsRead(String what, String path, JsonNode given, JsonNode read) {
		if (given.isObject() && read != null && read.isObject()) {
			given.properties()
				.forEach((field) -> sameAsRead(what, path + "." + field.getKey(), field.getValue(),
						read.get(field.getKey())));
		}
		else if (given.isArray() && read != null && read.isArray() && given.size() == read.size()) {
			for (int i = 0; i < given.size(); i++) {
				sameAsRead(what, path + "[" + i + "]", given.get(i), read.get(i));
			}
		}
		else if (read == null || !(given.equals(read)
				|| (given.isNumber() && read.isNumber() && given.decimalValue().compareTo(read.decimalValue()) == 0))) {
			throw new IllegalArgumentException(
					what + ": " + path + " is " + given + " but Strimzi's model reads it as " + read);
		}
	}

	@SuppressWarnings("deprecation")
	private static ObjectMapper strictMapper() {
		JsonMapper mapper = JsonMapper.builder().annotationIntrospector(new JacksonAnnotationIntrospector() {

			// the model's "additional properties" catch-all would swallow a typo
			@Override
			public Boolean hasAnySetter(Annotated annotated) {
				return Boolean.FALSE;
			}

			// read back with every property, so that a value the model lost shows as null
			@Override
			public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
				return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
			}

		})
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.build();
		// a CRD's structural schema types scalars: "3" is not an integer, 3 is not a
		// string
		for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
			mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
		}
		for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
				CoercionInputShape.Boolean)) {
			mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
		}
		return mapper;
	}

	/** The {@code strimzi.io/cluster} label of a resource, or {@code null}. */
	static String clusterLabel(CustomResource<?, ?> resource) {
		Map<String, String> labels = resource.getMetadata().getLabels();
		return (labels != null) ? labels.get("strimzi.io/cluster") : null;
	}

}
