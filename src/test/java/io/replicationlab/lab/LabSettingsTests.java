package io.replicationlab.lab;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LabSettingsTests {

	@Test
	void theLabRunsUnlessAReplicaIdIsGiven() {
		assertThat(Lab.isRequested(List.of(), null, null)).isTrue();
		assertThat(Lab.isRequested(List.of("--lab.replicas=5", "--server.port=9000"), null, null)).isTrue();
		assertThat(Lab.isRequested(List.of("--replica.id=r2", "--server.port=8082"), null, null)).isFalse();
		assertThat(Lab.isRequested(List.of(), "r2", null)).isFalse();
		assertThat(Lab.isRequested(List.of(), null, "r2")).isFalse();
	}

	@Test
	void defaults() {
		LabSettings settings = LabSettings.parse(new String[0]);
		assertThat(settings.replicaIds()).containsExactly("r1", "r2", "r3");
		assertThat(settings.replicaUrl("r3")).isEqualTo("http://localhost:8083");
		assertThat(settings.supervisorUrl()).isEqualTo("http://localhost:8080");
		assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
		assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
		assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
		assertThat(settings.fresh()).isFalse();
		assertThat(settings.peers())
			.isEqualTo("r1=http://localhost:8081,r2=http://localhost:8082,r3=http://localhost:8083");
	}

	@Test
	void labOptionsAreReadAndEveryOtherArgumentGoesToTheReplicas() {
		LabSettings settings = LabSettings
			.parse(new String[] { "--lab.replicas=5", "--lab.base-port=9001", "--lab.kafka-port=19092", "--lab.fresh",
					"--lab.replica-jvm-options=-Xmx300m  -Dx=y", "--logging.level.root=warn" });
		assertThat(settings.replicaIds()).containsExactly("r1", "r2", "r3", "r4", "r5");
		assertThat(settings.replicaPort("r5")).isEqualTo(9005);
		assertThat(settings.kafkaControllerPort()).isEqualTo(19093);
		assertThat(settings.fresh()).isTrue();
		assertThat(settings.replicaJvmOptions()).containsExactly("-Xmx300m", "-Dx=y");
		assertThat(settings.replicaArguments()).containsExactly("--logging.level.root=warn");
	}

	@Test
	void labPitfallsGoToEveryReplica() {
		LabSettings settings = LabSettings.parse(new String[] { "--lab.pitfalls=ignore-context,ack-before-durable" });
		assertThat(settings.replicaArguments()).containsExactly("--replica.pitfalls=ignore-context,ack-before-durable");
		assertThat(LabSettings.parse(new String[0]).replicaArguments()).isEmpty();
	}

	@Test
	void unknownOrMalformedOptionsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LabSettings.parse(new String[] { "--lab.replica=3" }))
			.withMessageContaining("Unknown lab option(s) [replica]")
			.withMessageContaining("--lab.replicas");
		assertThatIllegalArgumentException().isThrownBy(() -> LabSettings.parse(new String[] { "--lab.replicas=x" }))
			.withMessageContaining("whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> LabSettings.parse(new String[] { "--lab.replicas=0" }))
			.withMessageContaining("1-9");
	}

	@Test
	void everyLabOptionHasItsIdeMetadata() throws java.io.IOException {
		java.util.Set<String> described = new java.util.HashSet<>();
		io.replicationlab.ConfigurationMetadataTests.properties()
			.forEach((property) -> described.add(property.path("name").asString()));
		assertThat(described)
			.containsAll(LabSettings.OPTIONS.keySet().stream().map((key) -> LabSettings.PREFIX + key).toList());
	}

}
