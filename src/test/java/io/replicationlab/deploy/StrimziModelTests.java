package io.replicationlab.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.kafka.model.common.Constants;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The strimzi overlay's custom resources against Strimzi's own API model, the version it
 * is written for, offline: Strimzi publishes its CRD YAMLs only as GitHub release assets,
 * but its model (the classes the operator deserialises the resources into) is on Maven
 * Central. Every resource the overlay lists must read into its class with nothing left
 * over, in an API version that class declares.
 */
class StrimziModelTests {

	private static final String OVERLAY = "k8s/overlays/strimzi";

	@Test
	void theModelIsTheVersionTheOverlayIsWrittenFor() {
		String version = StrimziModel.modelVersion();
		assertThat(DeploymentFiles.read(OVERLAY + "/kustomization.yaml")).contains("Written for Strimzi " + version);
		assertThat(DeploymentFiles.read("docs/deploy.md")).contains("**Strimzi " + version + "**");
	}

	@Test
	void everyStrimziResourceOfTheOverlayReadsIntoStrimzisModel() {
		List<CustomResource<?, ?>> resources = overlayResources();

		assertThat(resources).extracting(CustomResource::getKind)
			.contains(Kafka.RESOURCE_KIND, KafkaNodePool.RESOURCE_KIND, KafkaTopic.RESOURCE_KIND);
		// the API version the overlay is written in, not the deprecated v1beta2
		assertThat(overlayDocuments()).extracting((document) -> document.path("apiVersion").asText())
			.containsOnly(Kafka.RESOURCE_GROUP + "/" + Constants.V1);
		Set<String> clusters = resources.stream()
			.filter(Kafka.class::isInstance)
			.map((kafka) -> kafka.getMetadata().getName())
			.collect(Collectors.toSet());
		assertThat(resources).filteredOn((resource) -> !(resource instanceof Kafka))
			.allSatisfy((resource) -> assertThat(StrimziModel.clusterLabel(resource))
				.as("strimzi.io/cluster of %s/%s", resource.getKind(), resource.getMetadata().getName())
				.isIn(clusters));
	}

	@Test
	void theModelCarriesWhatTheOverlayMeans() {
		Map<String, CustomResource<?, ?>> byName = overlayResources().stream()
			.collect(Collectors.toMap((resource) -> resource.getKind() + "/" + resource.getMetadata().getName(),
					(resource) -> resource));

		Kafka kafka = (Kafka) byName.get("Kafka/lab-kafka");
		assertThat(kafka.getSpec().getKafka().getVersion()).isEqualTo("4.1.0");
		assertThat(kafka.getSpec().getKafka().getListeners()).singleElement()
			.satisfies((listener) -> assertThat(listener.getNetworkPolicyPeers()).isNotEmpty());
		KafkaTopic topic = (KafkaTopic) byName.get("KafkaTopic/replication-log");
		assertThat(topic.getSpec().getPartitions()).isEqualTo(1);
		assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
		KafkaNodePool brokers = (KafkaNodePool) byName.get("KafkaNodePool/broker");
		assertThat(brokers.getSpec().getReplicas()).isEqualTo(3);
	}

	@Test
	void theModelRefusesAMisspeltField() {
		String topic = DeploymentFiles.read(OVERLAY + "/replication-log-topic.yaml");
		assertThat(topic).contains("  partitions: 1");

		assertRefused(topic.replace("  partitions: 1", "  partitons: 1"), "partitons");
		// also inside fabric8's classes (ObjectMeta keeps unknown fields too)
		assertRefused(topic.replace("  labels:", "  label:"), "label");
	}

	@Test
	void theModelRefusesAValueOfTheWrongType() {
		String pools = DeploymentFiles.read(OVERLAY + "/kafka-cluster.yaml");
		assertThat(pools).contains("  replicas: 3");

		assertRefused(pools.replaceFirst("  replicas: 3", "  replicas: three"), "replicas");
		assertRefused(pools.replaceFirst("  replicas: 3", "  replicas: \"3\""), "replicas");
		assertRefused(pools.replaceFirst("deleteClaim: false", "deleteClaim: \"no\""), "deleteClaim");
		assertRefused(pools.replaceFirst("type: persistent-claim", "type: persistent-volume"), "persistent-volume");
		assertRefused(pools.replaceFirst("- controller", "- controler"), "controler");
	}

	@Test
	void theModelRefusesAKindOrApiVersionItDoesNotDeclare() {
		String topic = DeploymentFiles.read(OVERLAY + "/replication-log-topic.yaml");

		assertRefused(topic.replace("kind: KafkaTopic", "kind: Topic"), "has no kind 'Topic'");
		assertRefused(topic.replace("kafka.strimzi.io/v1\n", "kafka.strimzi.io/v2\n"), "not 'kafka.strimzi.io/v2'");
		// a topic's spec under the wrong (existing) kind is refused by the fields
		assertRefused(topic.replace("kind: KafkaTopic", "kind: KafkaUser"), "topicName");
	}

	private static void assertRefused(String yaml, String reason) {
		List<JsonNode> documents = StrimziModel.strimziDocuments(yaml);
		assertThat(documents).isNotEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> documents.forEach(StrimziModel::read))
			.withMessageContaining(reason);
	}

	/** The Strimzi resources of every file the overlay's kustomization lists. */
	private static List<CustomResource<?, ?>> overlayResources() {
		return overlayDocuments().stream().<CustomResource<?, ?>>map(StrimziModel::read).toList();
	}

	private static List<JsonNode> overlayDocuments() {
		List<JsonNode> documents = new ArrayList<>();
		Map<String, Object> kustomization = DeploymentFiles.yamlDocuments(OVERLAY + "/kustomization.yaml").get(0);
		for (Object entry : (List<?>) kustomization.get("resources")) {
			String path = OVERLAY + "/" + entry;
			if (path.endsWith(".yaml")) {
				documents.addAll(StrimziModel.strimziDocuments(DeploymentFiles.read(path)));
			}
		}
		return documents;
	}

}
