package io.replicationlab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.Uuid;

/**
 * The lab's Kafka broker: one KRaft node that is broker and controller at once
 * ({@code kafka.Kafka}, from the {@code kafka_2.13} jar on the classpath), with a
 * PLAINTEXT listener for clients and a CONTROLLER listener for its own quorum. Its log
 * directory is formatted once (a new cluster id, by {@link KafkaNode}) and kept across
 * restarts.
 * <p>
 * The quorum is static ({@code controller.quorum.voters=1@localhost:<controller port>}),
 * not a dynamic quorum formatted with {@code --standalone}: the controller's address then
 * comes from the configuration written at each start, so a lab restarted with other ports
 * still finds its own metadata.
 */
final class KafkaBroker extends LabProcess {

	static final String ID = "kafka";

	private final LabSettings settings;

	/** Used only when the log directory is not formatted yet. */
	private final String clusterId = Uuid.randomUuid().toString();

	KafkaBroker(LabSettings settings, JavaLauncher launcher, Consumer<String> say) {
		super(ID, ID, settings.kafkaPort(), settings.dataDir().resolve("kafka"),
				settings.dataDir().resolve("kafka.log"), launcher, say);
		this.settings = settings;
	}

	@Override
	List<String> jvmOptions() {
		return concat(this.settings.kafkaJvmOptions(), List.of("-Djava.awt.headless=true",
				"-Dlogback.configurationFile=io/replicationlab/lab/kafka-logback.xml"));
	}

	@Override
	List<String> mainAndArguments() {
		return List.of(KafkaNode.class.getName(), serverProperties().toString(), this.clusterId);
	}

	@Override
	List<Integer> ports() {
		return List.of(port(), this.settings.kafkaControllerPort());
	}

	@Override
	String url() {
		return this.settings.bootstrapServers();
	}

	@Override
	boolean answers() {
		return PortCheck.answers(port());
	}

	@Override
	void prepare() throws IOException {
		Files.createDirectories(logDir());
		Files.writeString(serverProperties(), configuration());
	}

	Path logDir() {
		return dataDir().resolve("logs");
	}

	private Path serverProperties() {
		return dataDir().resolve("server.properties");
	}

	/**
	 * The configuration of a single combined node, small enough for a laptop with two
	 * cores.
	 */
	String configuration() {
		int controllerPort = this.settings.kafkaControllerPort();
		return """
				# Written by the lab at every start; edits are overwritten.
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@localhost:%2$d
				listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
				advertised.listeners=PLAINTEXT://localhost:%1$d
				inter.broker.listener.name=PLAINTEXT
				controller.listener.names=CONTROLLER
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%3$s
				num.partitions=1
				# the log is the history: keep it, and let only a replica that never consumed it create the topic
				log.retention.ms=-1
				auto.create.topics.enable=false
				# one broker, one copy: min.insync.replicas stays 1 (the replicas ask for 2 from three copies up)
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				num.network.threads=2
				num.io.threads=2
				background.threads=2
				num.recovery.threads.per.data.dir=1
				log.cleaner.threads=1
				""".formatted(port(), controllerPort, logDir().toString().replace('\\', '/'));
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
	}

}
