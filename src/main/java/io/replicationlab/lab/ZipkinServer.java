package io.replicationlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lab's Zipkin ({@code --lab.tracing=true}): Zipkin's own executable jar
 * ({@code io.zipkin:zipkin-server}, exec classifier) with in-memory storage, in its own
 * JVM. The jar is not on the application's classpath (it is a Spring Boot application of
 * its own): {@code ./mvnw -Pzipkin} copies it to {@code target/lab/zipkin-server.jar}.
 * <p>
 * Started with {@code java -jar}, not through {@link LabChild}: it ends with the lab like
 * the other processes, but a lab killed with SIGKILL leaves it running (its port then
 * says so at the next start).
 */
final class ZipkinServer extends LabProcess {

	static final String ID = "zipkin";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final LabSettings settings;

	ZipkinServer(LabSettings settings, JavaLauncher launcher, Consumer<String> say) {
		super(ID, ID, settings.zipkinPort(), settings.dataDir().resolve(ID), settings.dataDir().resolve("zipkin.log"),
				launcher, say);
		this.settings = settings;
	}

	@Override
	List<String> command() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions());
		command.add("-jar");
		command.add(this.settings.zipkinJar().toString());
		command.addAll(mainAndArguments());
		return command;
	}

	@Override
	void configure(ProcessBuilder builder) {
		builder.environment().remove("CLASSPATH");
		builder.environment().put("STORAGE_TYPE", "mem");
		builder.environment().put("QUERY_PORT", String.valueOf(port()));
	}

	@Override
	List<String> mainAndArguments() {
		return List.of("--server.port=" + port());
	}

	@Override
	List<String> jvmOptions() {
		return List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
	}

	@Override
	void prepare() throws IOException {
		if (!Files.isRegularFile(this.settings.zipkinJar())) {
			throw new IOException("No Zipkin jar at " + this.settings.zipkinJar() + ": run the lab with "
					+ "./mvnw -Pzipkin spring-boot:run (which copies it there), or give --lab.zipkin-jar=<path>");
		}
		super.prepare();
	}

	@Override
	String url() {
		return this.settings.zipkinUrl();
	}

	@Override
	boolean answers() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
				.timeout(Duration.ofSeconds(2))
				.GET()
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
