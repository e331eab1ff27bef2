package io.replicationlab.peers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.replicationlab.ReplicationLabApplication;
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

	final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
		HttpResponse<String> cut = send("POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\"]]}");
		assertThat(cut.statusCode()).isEqualTo(200);
		assertThat(cut.body()).contains("\"applied\":[\"r1\"]").contains("\"unreachable\":{\"r2\"");
		assertThat(send("GET", "/api/replica", null).body()).contains("\"groups\":[[\"r1\"],[\"r2\"]]");
		assertThat(send("DELETE", "/api/cluster/partition", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/api/replica", null).body()).contains("\"groups\":[]");
	}

	@Test
	void theClientEndpointsAreDocumentedAndTheInternalOnesAreNot() throws Exception {
		HttpResponse<String> docs = send("GET", "/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("/api/cluster/partition").doesNotContain("/internal/");
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		int port = ((WebServerApplicationContext) this.replica).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
