package io.replicationlab.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The lab, started by {@code ./mvnw spring-boot:run} when no replica is configured: a
 * Kafka broker and three replicas, each its own OS process, until Ctrl-C.
 * {@link #isRequested} decides, before any Spring context exists, whether the application
 * runs the lab or one replica.
 */
public final class Lab {

	private Lab() {
	}

	/**
	 * The lab runs unless a replica id is given: {@code --replica.id=..} argument,
	 * {@code -Dreplica.id=..} system property or {@code REPLICA_ID} environment variable
	 * (as docker-compose and Kubernetes give it).
	 */
	public static boolean isRequested(String[] args) {
		return isRequested(List.of(args), System.getProperty("replica.id"), System.getenv("REPLICA_ID"));
	}

	static boolean isRequested(List<String> args, String replicaIdProperty, String replicaIdEnvironment) {
		boolean argument = args.stream()
			.anyMatch((arg) -> arg.startsWith("--replica.id=") || arg.equals("--replica.id"));
		return !argument && replicaIdProperty == null && replicaIdEnvironment == null;
	}

	/**
	 * Runs the lab until this JVM is asked to stop (Ctrl-C), then stops every process it
	 * started.
	 */
	public static void main(String[] args) throws Exception {
		Consumer<String> say = LabSupervisor.console();
		LabSettings settings;
		try {
			settings = LabSettings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		long began = System.nanoTime();
		say.accept(
				"Starting the lab: a Kafka broker and " + settings.replicas() + " replicas, each its own JVM; data in "
						+ settings.dataDir() + (settings.fresh() ? " (fresh)" : " (kept from earlier runs)"));
		LabSupervisor supervisor;
		try {
			supervisor = LabSupervisor.start(settings, say);
		}
		catch (IllegalStateException | java.io.IOException ex) {
			System.err.println("The lab cannot start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			say.accept("Stopping the lab...");
			supervisor.close();
			say.accept("Lab stopped; data kept in " + settings.dataDir());
			stopped.countDown();
		}, "lab-shutdown"));
		boolean running = supervisor.awaitRunning(settings.startupTimeout());
		if (!running && !supervisor.anyStopped()) {
			say.accept("Not every process answers after " + settings.startupTimeout().toSeconds() + " s (a busy "
					+ "machine?); still waiting. GET " + settings.supervisorUrl() + "/api/lab shows which.");
			running = supervisor.awaitRunning(Duration.ofDays(365));
		}
		if (running) {
			System.out.println(banner(settings, Duration.ofNanos(System.nanoTime() - began)));
		}
		else if (!supervisor.isClosed()) {
			say.accept("A process of the lab ended while starting; its log in " + settings.dataDir()
					+ " says why. The rest keeps running; Ctrl-C stops the lab.");
		}
		stopped.await();
	}

	static String banner(LabSettings settings, Duration took) {
		StringBuilder banner = new StringBuilder();
		banner.append("\n=== The lab is up (").append(took.toMillis() / 1000.0).append(" s) ===\n");
		banner.append("  Dashboard      ").append(settings.replicaUrl("r1")).append("/\n");
		banner.append("  Swagger UI     ").append(settings.replicaUrl("r1")).append("/swagger-ui.html\n");
		for (String id : settings.replicaIds()) {
			banner.append("  Replica ")
				.append(id)
				.append("     ")
				.append(settings.replicaUrl(id))
				.append("   (data ")
				.append(settings.dataDir().resolve(id))
				.append(", log ")
				.append(settings.dataDir().resolve(id + ".log"))
				.append(")\n");
		}
		banner.append("  Kafka          ")
			.append(settings.bootstrapServers())
			.append("   (log ")
			.append(settings.dataDir().resolve("kafka.log"))
			.append(")\n");
		if (settings.tracing()) {
			banner.append("  Zipkin         ")
				.append(settings.zipkinUrl())
				.append("   (traces of every replica; log ")
				.append(settings.dataDir().resolve("zipkin.log"))
				.append(")\n");
		}
		banner.append("  Lab controls   ")
			.append(settings.supervisorUrl())
			.append("/api/lab   (also on every replica)\n");
		banner.append("  Stop: Ctrl-C (data is kept; --lab.fresh=true starts from scratch)\n");
		return banner.toString();
	}

}
