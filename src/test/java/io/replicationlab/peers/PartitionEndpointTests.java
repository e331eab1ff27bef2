package io.replicationlab.peers;

import java.nio.file.Path;

import io.replicationlab.ReplicationLabApplication;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One replica whose peer is down: a partition command still applies here and reports the
 * peer as unreachable; the client endpoints are in the OpenAPI document, the internal
 * ones are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionEndpointTests {

	ConfigurableApplicationContext replica;

	@BeforeAll
	void start(@TempDir Path dataDir) {
		this.replica = new SpringApplicationBuilder(ReplicationLabApplication.class).run("--server.port=0",
				"--replica.id=r1", "--replica.data-dir=" + dataDir, "--replica.peers=r2=http://localhost:1",
				"--spring.kafka.bootstrap-servers=localhost:1", "--management.metrics.use-global-registry=false");
	}

	@AfterAll
	void stop() {
		if (this.replica != null) {
			this.replica.close();
		}
	}

	@Test
	void aPartitionAppliesHereAndNamesThePeersThatCouldNotBeTold() throws Exception {
		Http.Response cut = send("POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\"]]}");
		assertThat(cut.status()).isEqualTo(200);
		assertThat(cut.body()).contains("\"applied\":[\"r1\"]").contains("\"unreachable\":{\"r2\"");
		assertThat(send("GET", "/api/replica", null).body()).contains("\"groups\":[[\"r1\"],[\"r2\"]]");
		assertThat(send("DELETE", "/api/cluster/partition", null).status()).isEqualTo(200);
		assertThat(send("GET", "/api/replica", null).body()).contains("\"groups\":[]");
	}

	@Test
	void theClientEndpointsAreDocumentedAndTheInternalOnesAreNot() throws Exception {
		Http.Response docs = send("GET", "/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/cluster/partition").doesNotContain("/internal/");
	}

	private Http.Response send(String method, String path, String body) {
		return Http.to(((WebServerApplicationContext) this.replica).getWebServer().getPort())
			.sendJson(method, path, body);
	}

}
