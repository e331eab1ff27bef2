package io.replicationlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The main class of the lab's broker process: formats the log directory the first time ({@code kafka-storage format},
 * in this same JVM so that a first start pays for one JVM, not two), then runs {@code kafka.Kafka}.
 * Arguments: the {@code server.properties} file and the cluster id to format with.
 */
public final class KafkaNode {

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
			int formatted = kafka.tools.StorageTool.execute(new String[] { "format", "--cluster-id", args[1],
					"--config", serverProperties, "--ignore-formatted" }, System.out);
			if (formatted != 0) {
				System.err.println("Formatting Kafka's storage in " + logDir + " failed (" + formatted + ")");
				System.exit(formatted);
			}
		}
		kafka.Kafka.main(new String[] { serverProperties });
	}

}
