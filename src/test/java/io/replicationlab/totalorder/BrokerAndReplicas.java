package io.replicationlab.totalorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.replicationlab.testing.InJvmReplica;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.FileSystemUtils;

/**
 * One embedded KRaft broker and total-order replicas in this JVM, started one by one
 * without peers (a peer list would re-sync partitions every few seconds and undo the
 * partitions the tests impose), on a data directory of their own that {@link #close()}
 * deletes. A test class holds one in an {@code @AutoClose} field; {@link #replicas} is
 * the running replicas in id order, which a test may replace after a restart.
 */
final class BrokerAndReplicas implements AutoCloseable {

	final List<InJvmReplica> replicas = new ArrayList<>();

	private final EmbeddedKafkaKraftBroker broker;

	private final Path dataRoot;

	/**
	 * @param brokerProperties settings of the broker (e.g. no automatic topic creation)
	 * @param ids the replicas to start, in order
	 */
	BrokerAndReplicas(Map<String, String> brokerProperties, String... ids) {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		brokerProperties.forEach(this.broker::brokerProperty);
		this.broker.afterPropertiesSet();
		try {
			this.dataRoot = Files.createTempDirectory("total-order");
		}
		catch (IOException ex) {
			this.broker.destroy();
			throw new UncheckedIOException(ex);
		}
		try {
			for (String id : ids) {
				this.replicas.add(start(id));
			}
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Starts a replica {@code id} on this broker with the tests' short timeouts, in its
	 * own directory under this fixture's data directory; the caller closes it.
	 */
	InJvmReplica start(String id, String... settings) {
		return startReplica(id, dataDir(id), brokers(), settings);
	}

	/**
	 * Starts a replica with the tests' short total-order timeouts on any broker and data
	 * directory.
	 */
	static InJvmReplica startReplica(String id, Path dataDir, String bootstrapServers, String... settings) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"totalorder.await-timeout=1s", "totalorder.check-interval=300ms", "totalorder.poll-timeout=100ms"));
		all.addAll(List.of(settings));
		return InJvmReplica.start(id, dataDir, all.toArray(String[]::new));
	}

	/** Stops replica {@code index} and starts it again on its data directory. */
	InJvmReplica restart(int index) {
		InJvmReplica old = this.replicas.get(index);
		old.close();
		InJvmReplica restarted = startReplica(old.id(), old.dataDir(), brokers());
		this.replicas.set(index, restarted);
		return restarted;
	}

	Path dataDir(String id) {
		return this.dataRoot.resolve(id);
	}

	String brokers() {
		return this.broker.getBrokersAsString();
	}

	EmbeddedKafkaKraftBroker broker() {
		return this.broker;
	}

	@Override
	public void close() {
		this.replicas.forEach(InJvmReplica::close);
		this.broker.destroy();
		try {
			FileSystemUtils.deleteRecursively(this.dataRoot);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
