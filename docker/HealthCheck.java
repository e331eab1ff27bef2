import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's {@code HEALTHCHECK}: exits 0 when {@code GET http://127.0.0.1:$SERVER_PORT<path>} answers 200.
 * <p>
 * The JRE image ships neither curl nor wget, and installing one only for this adds a package to patch; the JRE is
 * there anyway. Compiled in the build stage (a JRE cannot run a {@code .java} source file: it has no compiler).
 */
public final class HealthCheck {

	private HealthCheck() {
	}

	public static void main(String[] args) throws Exception {
		String path = (args.length > 0) ? args[0] : "/actuator/health/readiness";
		String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(3))
			.GET()
			.build();
		try {
			int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			System.exit((status == 200) ? 0 : 1);
		}
		catch (java.io.IOException ex) {
			System.err.println("health check failed: " + ex);
			System.exit(1);
		}
	}

}
