package io.replicationlab.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The supervisor's side of {@code PUT /api/lab/replicas/{id}/clock-offset}: hands the offset to the replica's
 * {@code /internal/clock-offset} with the cluster token the lab's replicas were given (an argument
 * {@code --replica.cluster-token=}, else the fresh token the lab drew for this run).
 */
final class ClockOffsets {

	private final LabSettings settings;

	private final String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	ClockOffsets(LabSettings settings, String freshToken) {
		this.settings = settings;
		this.token = token(settings, freshToken);
	}

	Map<String, Object> set(String id, long offsetMillis) {
		String url = this.settings.replicaUrl(id) + "/internal/clock-offset";
		HttpResponse<String> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Cluster-Token", this.token)
				.header("X-Replica-Id", "lab")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"offsetMillis\":" + offsetMillis + "}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw LabRefusal.conflict(id + " does not answer at " + url + " (" + ex + "): is it running?");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw LabRefusal.conflict("interrupted while setting the clock offset of " + id);
		}
		if (response.statusCode() != 200) {
			throw new LabRefusal((response.statusCode() == 400) ? 400 : 409, "lab-clock-offset",
					"Clock offset refused", id + " answered " + response.statusCode() + ": " + response.body());
		}
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", id);
		view.put("offsetMillis", offsetMillis);
		return view;
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
