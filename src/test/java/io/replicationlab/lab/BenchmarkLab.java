package io.replicationlab.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lab for the benchmark ({@code io.replicationlab.bench.Benchmark}): a broker and
 * three replicas, each its own JVM, on free ports and a given data directory, with this
 * JVM's classpath. A public door to the package-private {@link LabSupervisor}, in test
 * sources only.
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
	 * @param replicaJvmOptions the replicas' JVM options ({@code null}: the lab's
	 * defaults)
	 * @param replicaArguments handed on to every replica
	 */
	public static BenchmarkLab start(Path dataDir, String replicaJvmOptions, List<String> replicaArguments,
			Duration timeout, Consumer<String> say) throws IOException, InterruptedException {
		int base = LabFixture.freeConsecutivePorts(3);
		List<String> args = new ArrayList<>(List.of("--lab.base-port=" + base, "--lab.port=" + LabFixture.freePort(),
				"--lab.kafka-port=" + LabFixture.freePort(), "--lab.kafka-controller-port=" + LabFixture.freePort(),
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

	/** Where the lab controls are served ({@code /api/lab}). */
	public String supervisorUrl() {
		return this.settings.supervisorUrl();
	}

	public String bootstrapServers() {
		return this.settings.bootstrapServers();
	}

	@Override
	public void close() {
		this.supervisor.close();
	}

}
