package io.replicationlab.lab;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The lab for the benchmark ({@code io.replicationlab.bench.Benchmark}): a broker and three replicas, each its own
 * JVM, on free ports and a given data directory, with this JVM's classpath. A public door to the package-private
 * {@link LabSupervisor}, in test sources only.
 */
public final class BenchmarkLab implements AutoCloseable {

	private final LabSupervisor supervisor;

	private final LabSettings settings;

	private BenchmarkLab(LabSupervisor supervisor, LabSettings settings) {
		this.supervisor = supervisor;
		this.settings = settings;
	}

	/**
	 * Starts the lab and waits until every process answers.
	 * @param replicaJvmOptions the replicas' JVM options ({@code null}: the lab's defaults)
	 * @param replicaArguments handed on to every replica
	 */
	public static BenchmarkLab start(Path dataDir, String replicaJvmOptions, List<String> replicaArguments,
			Duration timeout, Consumer<String> say) throws IOException, InterruptedException {
		int base = freeConsecutivePorts(3);
		List<String> args = new ArrayList<>(List.of("--lab.base-port=" + base, "--lab.port=" + freePort(),
				"--lab.kafka-port=" + freePort(), "--lab.kafka-controller-port=" + freePort(),
				"--lab.data-dir=" + dataDir, "--lab.classpath=" + System.getProperty("java.class.path")));
		if (replicaJvmOptions != null) {
			args.add("--lab.replica-jvm-options=" + replicaJvmOptions);
		}
		args.addAll(replicaArguments);
		LabSettings settings = LabSettings.parse(args.toArray(String[]::new));
		LabSupervisor supervisor = LabSupervisor.start(settings, say);
		BenchmarkLab lab = new BenchmarkLab(supervisor, settings);
		if (!supervisor.awaitRunning(timeout)) {
			lab.close();
			throw new IllegalStateException("the lab did not start within " + timeout + "; logs in " + dataDir);
		}
		return lab;
	}

	public List<String> replicaUrls() {
		return this.settings.replicaIds().stream().map(this.settings::replicaUrl).toList();
	}

	public String bootstrapServers() {
		return this.settings.bootstrapServers();
	}

	@Override
	public void close() {
		this.supervisor.close();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static int freeConsecutivePorts(int count) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(20000, 40000);
			boolean free = true;
			for (int port = base; port < base + count; port++) {
				free &= PortCheck.isFree(port);
			}
			if (free) {
				return base;
			}
		}
		throw new IllegalStateException("no " + count + " consecutive free ports");
	}

}
