package io.replicationlab.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.replicationlab.ReplicationLabApplication;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code local} mode's point: two replicas given the same writes in different orders
 * keep different WALs and end in different states, because nothing travels between them.
 */
class TwoLocalReplicasTests {

	@TempDir
	Path dir;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void sameWritesInDifferentOrdersGiveDifferentWalOrdersAndStates() {
		Http r1 = start("r1");
		Http r2 = start("r2");
		List<String[]> writes = List.of(new String[] { "color", "blue" }, new String[] { "size", "small" },
				new String[] { "color", "red" });

		for (int i = 0; i < writes.size(); i++) {
			String[] forward = writes.get(i);
			String[] backward = writes.get(writes.size() - 1 - i);
			assertThat(r1.put("local", forward[0], forward[1], null).status()).isEqualTo(200);
			assertThat(r2.put("local", backward[0], backward[1], null).status()).isEqualTo(200);
		}

		assertThat(walOrder(r1)).containsExactly("r1 color=blue", "r1 size=small", "r1 color=red");
		assertThat(walOrder(r2)).containsExactly("r2 color=red", "r2 size=small", "r2 color=blue");
		JsonNode state1 = r1.get("/api/local/kv").json();
		JsonNode state2 = r2.get("/api/local/kv").json();
		assertThat(state1.path("entries").path("color").path(0).asString()).isEqualTo("red");
		assertThat(state2.path("entries").path("color").path(0).asString()).isEqualTo("blue");
		assertThat(state1.path("digest").asString()).isNotEqualTo(state2.path("digest").asString());
		assertThat(r1.get("/api/replica").json().path("id").asString()).isEqualTo("r1");
		assertThat(r2.get("/api/replica").json().path("id").asString()).isEqualTo("r2");
	}

	private Http start(String id) {
		// command-line arguments, because application.yml's server.port would override
		// default properties
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplicationLabApplication.class)
			.run("--replica.id=" + id, "--server.port=0", "--replica.data-dir=" + this.dir.resolve(id));
		this.replicas.add(context);
		return Http.to(context.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
	}

	private static List<String> walOrder(Http replica) {
		List<String> order = new ArrayList<>();
		for (JsonNode row : replica.get("/api/replica/wal?mode=local").json()) {
			order.add(row.path("origin").asString() + " " + row.path("key").asString() + "="
					+ row.path("value").asString());
		}
		return order;
	}

}
