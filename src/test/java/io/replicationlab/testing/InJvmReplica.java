package io.replicationlab.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.replicationlab.ReplicationLabApplication;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One replica started in this JVM, a Spring application on its own port, driven over real
 * HTTP ({@link #http()}) or through its beans. Settings are passed as command-line
 * arguments, which outrank {@code application.yml} (builder properties are only
 * defaults). {@link ThreeReplicas} is three of them, peers of each other; a test that
 * needs replicas that know no peers starts them one by one.
 */
public final class InJvmReplica implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private InJvmReplica(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts replica {@code id} on a free port with its H2 files in {@code dataDir}.
	 * @param settings more {@code key=value} settings (without {@code --})
	 */
	public static InJvmReplica start(String id, Path dataDir, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("replica.id=" + id, "replica.data-dir=" + dataDir,
				"server.port=0", "spring.main.banner-mode=off"));
		arguments.addAll(List.of(settings));
		return start(new Class<?>[0], arguments);
	}

	/**
	 * Starts a replica with exactly these {@code key=value} settings and more
	 * configuration classes (e.g. a test's span exporter).
	 */
	public static InJvmReplica start(Class<?>[] sources, List<String> settings) {
		return new InJvmReplica(new SpringApplicationBuilder(ReplicationLabApplication.class).sources(sources)
			.run(settings.stream().map((setting) -> "--" + setting).toArray(String[]::new)));
	}

	public String id() {
		return this.context.getEnvironment().getRequiredProperty("replica.id");
	}

	public Path dataDir() {
		return Path.of(this.context.getEnvironment().getRequiredProperty("replica.data-dir"));
	}

	public int port() {
		return this.context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	public Http http() {
		return Http.to(port());
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** Every row of the replica's applied log of the mode, in apply order. */
	public List<JsonNode> applied(String mode) {
		return http().appliedLog(mode, 0);
	}

	/** Every row of the replica's WAL of the mode, in local order. */
	public List<JsonNode> wal(String mode) {
		return http().wal(mode);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
