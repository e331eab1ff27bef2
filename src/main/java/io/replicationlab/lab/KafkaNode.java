package io.replicationlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The main class of the lab's broker process: formats the log directory the first time
 * ({@code kafka-storage format}, in this same JVM so that a first start pays for one JVM,
 * not two), then runs {@code kafka.Kafka}. Arguments: the {@code server.properties} file
 * and the cluster id to format with. Kafka's classes are called by name: the production
 * jar is built without them.
 */
public final class KafkaNode {

	// By name, so that this class compiles without Kafka's server jar (see
	// serverClassesPresent).
	static final String KAFKA = "kafka.Kafka";

	private static final String STORAGE_TOOL = "kafka.tools.StorageTool";

	private KafkaNode() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			throw new IllegalArgumentException("Usage: KafkaNode <server.properties> <cluster id>");
		}
		String serverProperties = args[0];
		Properties config = new Properties();
		try (var reader = Files.newBufferedReader(Path.of(serverProperties))) {
			config.load(reader);
		}
		Path logDir = Path.of(config.getProperty("log.dirs"));
		if (!Files.exists(logDir.resolve("meta.properties"))) {
			int formatted = (int) Class.forName(STORAGE_TOOL)
				.getMethod("execute", String[].class, java.io.PrintStream.class)
				.invoke(null, new String[] { "format", "--cluster-id", args[1], "--config", serverProperties,
						"--ignore-formatted" }, System.out);
			if (formatted != 0) {
				System.err.println("Formatting Kafka's storage in " + logDir + " failed (" + formatted + ")");
				System.exit(formatted);
			}
		}
		Class.forName(KAFKA).getMethod("main", String[].class).invoke(null, (Object) new String[] { serverProperties });
	}

	/**
	 * Whether Kafka's server classes are on this classpath: they are in the lab's build,
	 * not in the production jar ({@code -Pproduction}), where a replica needs only
	 * Kafka's client.
	 */
	static boolean serverClassesPresent(ClassLoader loader) {
		try {
			Class.forName(KAFKA, false, loader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
