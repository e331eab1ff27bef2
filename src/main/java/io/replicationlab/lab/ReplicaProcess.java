package io.replicationlab.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One replica of the lab: {@code io.replicationlab.ReplicationLabApplication} in its own
 * JVM with its id, port, H2 directory ({@code <data dir>/<id>}), every replica as peers,
 * the lab's broker and the supervisor's URL (which turns on its {@code /api/lab}
 * controls).
 */
final class ReplicaProcess extends LabProcess {

	static final String MAIN_CLASS = "io.replicationlab.ReplicationLabApplication";

	static final String PITFALLS_ARGUMENT = "--replica.pitfalls=";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final LabSettings settings;

	private final String clusterToken;

	/**
	 * The pitfalls this replica has on, as the lab last set them: what it is started with
	 * again after a kill.
	 */
	private final Set<String> pitfalls = new LinkedHashSet<>();

	ReplicaProcess(String id, LabSettings settings, String clusterToken, JavaLauncher launcher, Consumer<String> say) {
		super(id, "replica", settings.replicaPort(id), settings.dataDir().resolve(id),
				settings.dataDir().resolve(id + ".log"), launcher, say);
		this.settings = settings;
		this.clusterToken = clusterToken;
		for (String argument : settings.replicaArguments()) {
			if (argument.startsWith(PITFALLS_ARGUMENT)) {
				for (String name : argument.substring(PITFALLS_ARGUMENT.length()).split(",")) {
					if (!name.isBlank()) {
						this.pitfalls.add(name.trim());
					}
				}
			}
		}
	}

	synchronized Set<String> pitfalls() {
		return Set.copyOf(this.pitfalls);
	}

	/**
	 * Records a pitfall switched on this replica, so that a restart keeps it as switched.
	 */
	synchronized void pitfall(String name, boolean enabled) {
		if (enabled) {
			this.pitfalls.add(name);
		}
		else {
			this.pitfalls.remove(name);
		}
	}

	static String freshToken() {
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		return HexFormat.of().formatHex(secret);
	}

	@Override
	List<String> jvmOptions() {
		return this.settings.replicaJvmOptions();
	}

	@Override
	List<String> mainAndArguments() {
		List<String> command = new ArrayList<>();
		command.add(MAIN_CLASS);
		command.add("--replica.id=" + id());
		command.add("--server.port=" + port());
		command.add("--replica.data-dir=" + dataDir());
		command.add("--replica.peers=" + this.settings.peers());
		command.add("--spring.kafka.bootstrap-servers=" + this.settings.bootstrapServers());
		command.add("--lab.supervisor-url=" + this.settings.supervisorUrl());
		// a token given to the lab wins (a repeated command-line option would be joined
		// with a comma, not replaced)
		if (this.settings.replicaArguments().stream().noneMatch((arg) -> arg.startsWith("--replica.cluster-token="))) {
			command.add("--replica.cluster-token=" + this.clusterToken);
		}
		command.addAll(this.settings.tracingArguments());
		// the pitfalls as last switched, not as first given (a repeated option would be
		// joined, not replaced)
		this.settings.replicaArguments()
			.stream()
			.filter((argument) -> !argument.startsWith(PITFALLS_ARGUMENT))
			.forEach(command::add);
		synchronized (this) {
			if (!this.pitfalls.isEmpty()) {
				command.add(PITFALLS_ARGUMENT + String.join(",", this.pitfalls));
			}
		}
		return command;
	}

	@Override
	String url() {
		return this.settings.replicaUrl(id());
	}

	/**
	 * Ready: {@code /actuator/health/readiness} answers 200 (503 while not ready). Not
	 * the whole {@code /actuator/health}, which also says DOWN while the broker is away,
	 * when the replica still serves every mode. Asked only once the port takes a
	 * connection: while a replica starts (its web server listens only at the end), an
	 * HTTP request refused every 100 ms cost the supervisor more CPU than a plain
	 * connect.
	 */
	@Override
	boolean answers() {
		if (!PortCheck.answers(port())) {
			return false;
		}
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.GET()
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
