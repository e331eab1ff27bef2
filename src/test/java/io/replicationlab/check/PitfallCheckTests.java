package io.replicationlab.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.replicationlab.lab.LabFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that the checker can fail: one lab with pitfalls on ({@code ignore-context} for reconcile,
 * {@code ack-before-durable} for the WAL), one short check with replicas killed, and each pitfall's anomaly named.
 * The same check without pitfalls is valid ({@link CheckLabTests}).
 */
@Tag("lab")
class PitfallCheckTests {

	@TempDir
	static Path dataDir;

	private static LabFixture lab;

	@BeforeAll
	static void startLab() throws Exception {
		lab = LabFixture.start(dataDir, "--replica.pitfalls=ignore-context,ack-before-durable");
	}

	@AfterAll
	static void stopLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@Test
	void eachPitfallIsCaughtByName() throws Exception {
		assertThat(LabFixture.json(LabFixture.get(lab.url("r1") + "/actuator/health/pitfalls")).get("details").get("on")
			.toString()).contains("ignore-context", "ack-before-durable");
		List<String> urls = lab.replicaIds().stream().map(lab::url).toList();
		Map<String, Object> results = Check.run(Map.of("seed", "11", "seconds", "25", "clients", "9", "rate", "60",
				"modes", "local,reconcile", "faults", "kill"), urls, null,
				Files.createDirectories(Path.of("target/check")).resolve("pitfalls"), "pitfalls", Check::say);
		assertThat(results.get("valid")).isEqualTo("false");
		assertThat(count(results, "reconcile", "state-mismatch")).as("ignore-context").isPositive();
		assertThat(count(results, "local", "lost")).as("ack-before-durable").isPositive();
	}

	@SuppressWarnings("unchecked")
	static int count(Map<String, Object> results, String mode, String anomaly) {
		Map<String, Object> modes = (Map<String, Object>) results.get("modes");
		Map<String, Anomalies.Found> found = (Map<String, Anomalies.Found>) ((Map<String, Object>) modes.get(mode))
			.get("anomalies");
		return found.get(anomaly).count();
	}

}
