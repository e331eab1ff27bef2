package io.replicationlab.testing;

import java.nio.file.Path;
import java.util.UUID;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that talk to one replica over real HTTP. They all share one
 * application context (one replica, {@code api-test}, on a random port, with its own H2
 * files under {@code target/test-replicas}), because starting a replica is the slow part
 * of the suite; each test therefore uses keys of its own and compares WAL sizes before
 * and after rather than assuming an empty replica.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "replica.id=api-test")
public abstract class OneReplicaTests {

	private static final Path DATA_DIR = Path.of("target", "test-replicas", "api-test-" + UUID.randomUUID())
		.toAbsolutePath();

	@DynamicPropertySource
	static void replica(DynamicPropertyRegistry registry) {
		registry.add("replica.data-dir", DATA_DIR::toString);
	}

	@LocalServerPort
	protected int port;

	protected Http http() {
		return Http.to(this.port);
	}

	/** A key no other test uses. */
	protected static String uniqueKey(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
