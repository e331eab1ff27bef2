package io.replicationlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The supervisor's side of the lab controls a replica carries out itself: {@code PUT
 * /api/lab/replicas/{id}/clock-offset} (the replica's {@code /internal/clock-offset}) and
 * {@code PUT /api/lab/pitfalls/{name}} (its {@code /internal/pitfalls/{name}}), sent with
 * the cluster token the lab's replicas were given (an argument
 * {@code --replica.cluster-token=}, else the fresh token the lab drew for this run).
 */
final class InternalControls {

	private final LabSettings settings;

	private final String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	InternalControls(LabSettings settings, String freshToken) {
		this.settings = settings;
		this.token = token(settings, freshToken);
	}

	ClockOffset setClockOffset(String id, long offsetMillis) {
		HttpResponse<String> response = put(id, "/internal/clock-offset", "{\"offsetMillis\":" + offsetMillis + "}",
				"setting the clock offset of " + id);
		if (response.statusCode() != 200) {
			throw new LabRefusal((response.statusCode() == 400) ? 400 : 409, "lab-clock-offset", "Clock offset refused",
					id + " answered " + response.statusCode() + ": " + response.body());
		}
		return new ClockOffset(id, offsetMillis);
	}

	/**
	 * Switches one pitfall on the replica; answers the pitfalls it has on afterwards (its
	 * own JSON).
	 */
	String setPitfall(String id, String pitfall, boolean enabled) {
		HttpResponse<String> response = put(id, "/internal/pitfalls/" + pitfall, "{\"enabled\":" + enabled + "}",
				"switching pitfall " + pitfall + " of " + id);
		if (response.statusCode() != 200) {
			throw new LabRefusal((response.statusCode() == 400) ? 400 : 409, "lab-pitfall", "Pitfall switch refused",
					id + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private HttpResponse<String> put(String id, String path, String body, String doing) {
		String url = this.settings.replicaUrl(id) + path;
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Cluster-Token", this.token)
				.header("X-Replica-Id", "lab")
				.PUT(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw LabRefusal.conflict(id + " does not answer at " + url + " (" + ex + "): is it running?");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw LabRefusal.conflict("interrupted while " + doing);
		}
	}

	/** What {@code PUT /api/lab/replicas/{id}/clock-offset} answers: the offset set. */
	record ClockOffset(String id, long offsetMillis) {
	}

	private static String token(LabSettings settings, String freshToken) {
		for (String argument : settings.replicaArguments()) {
			if (argument.startsWith("--replica.cluster-token=")) {
				return argument.substring("--replica.cluster-token=".length());
			}
		}
		return freshToken;
	}

}
