package io.replicationlab;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for the application's own properties: the metadata the configuration
 * processor writes at compile time (with the lab's hand-written additions merged in)
 * names every setting with a description.
 */
public class ConfigurationMetadataTests {

	/** The properties of the build, as an IDE reads them from the jar. */
	public static List<JsonNode> properties() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("META-INF/spring-configuration-metadata.json (spring-boot-configuration-processor)")
				.isNotNull();
			List<JsonNode> properties = new ArrayList<>();
			JsonMapper.builder().build().readTree(in).path("properties").forEach(properties::add);
			return properties;
		}
	}

	@Test
	void everySettingOfEveryModuleIsDescribed() throws IOException {
		List<JsonNode> properties = properties();
		for (String prefix : List.of("replica.", "totalorder.", "reconcile.", "cluster.", "lab.")) {
			List<JsonNode> own = properties.stream()
				.filter((property) -> property.path("name").asString().startsWith(prefix))
				.toList();
			assertThat(own).as(prefix + "*").isNotEmpty();
			assertThat(own).as(prefix + "* descriptions")
				.allSatisfy((property) -> assertThat(property.path("description").asString())
					.as(property.path("name").asString())
					.isNotBlank());
		}
		assertThat(properties).extracting((property) -> property.path("name").asString())
			.contains("replica.id", "replica.peers", "replica.cluster-token", "totalorder.topic",
					"reconcile.conflict-policy");
	}

}
