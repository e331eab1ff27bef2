package io.replicationlab.check;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.replicationlab.testing.Http;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@link Nemesis.LabControl} over HTTP: the lab controls at the supervisor when the check
 * started the lab, else through the first replica that answers (every lab replica
 * forwards {@code /api/lab}).
 */
final class HttpLab implements Nemesis.LabControl {

	private final List<String> replicaIds;

	private final List<String> replicaUrls;

	private final String supervisorUrl;

	HttpLab(List<String> replicaIds, List<String> replicaUrls, String supervisorUrl) {
		this.replicaIds = replicaIds;
		this.replicaUrls = replicaUrls;
		this.supervisorUrl = supervisorUrl;
	}

	@Override
	public List<String> replicaIds() {
		return this.replicaIds;
	}

	@Override
	public String post(String path, String body) {
		return labCall("POST", path, body);
	}

	@Override
	public String put(String path, String body) {
		return labCall("PUT", path, body);
	}

	@Override
	public String partition(String target, Map<String, Object> body) {
		return anyReplica("POST", "/api/cluster/partition", Http.json(body), target);
	}

	@Override
	public String heal(String target) {
		return anyReplica("DELETE", "/api/cluster/partition", null, null);
	}

	@Override
	public String startAndAwait(String id) {
		String problem = labCall("POST",
				"kafka".equals(id) ? "/api/lab/kafka/start" : "/api/lab/replicas/" + id + "/start", null);
		if (problem != null) {
			return problem;
		}
		// a restart takes from seconds (idle machine) to minutes (loaded one): the
		// nemesis waits a little, then goes on
		// while the process keeps starting, so that the schedule keeps its pace;
		// quiescence waits for it at the end
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> "running".equals(state(id)));
		}
		catch (ConditionTimeoutException ex) {
			// still starting: the nemesis goes on
		}
		return null;
	}

	@Override
	public String state(String id) {
		for (String base : labBases()) {
			try {
				for (var process : Http.to(base).getJson("/api/lab").path("processes").values()) {
					if (id.equals(process.path("id").asString())) {
						return process.path("state").asString();
					}
				}
			}
			catch (RuntimeException ex) {
				// try the next way in
			}
		}
		return "unknown";
	}

	private List<String> labBases() {
		return (this.supervisorUrl != null) ? List.of(this.supervisorUrl) : this.replicaUrls;
	}

	/**
	 * The ways in for a control aimed at a replica: through the others first. Sent
	 * through the target itself, a kill takes the answer down with the replica; the retry
	 * through the next replica then found it "not running" (409), the nemesis took the
	 * kill for refused and never started the replica again.
	 */
	private List<String> labBases(String path) {
		java.util.regex.Matcher target = TARGET.matcher(path);
		if (this.supervisorUrl != null || !target.lookingAt() || !this.replicaIds.contains(target.group(1))) {
			return labBases();
		}
		String own = this.replicaUrls.get(this.replicaIds.indexOf(target.group(1)));
		List<String> bases = new java.util.ArrayList<>(this.replicaUrls);
		bases.remove(own);
		bases.add(own);
		return bases;
	}

	private static final java.util.regex.Pattern TARGET = java.util.regex.Pattern.compile("/api/lab/replicas/([^/]+)/");

	private String labCall(String method, String path, String body) {
		String problem = "no way to the lab";
		for (String base : labBases(path)) {
			try {
				Http.Response response = Http.to(base)
					.timeout(Nemesis.LabControl.timeout())
					.sendJson(method, path, body);
				if (response.status() < 500 || this.supervisorUrl != null) {
					return Nemesis.LabControl.problem(response);
				}
				problem = Nemesis.LabControl.problem(response);
			}
			catch (Exception ex) {
				problem = ex.toString();
			}
		}
		return problem;
	}

	/**
	 * Sends to each replica but {@code avoid} in turn until one answers 2xx (partitions
	 * fan out to the peers).
	 */
	private String anyReplica(String method, String path, String body, String avoid) {
		String problem = "no replica answered";
		for (int i = 0; i < this.replicaIds.size(); i++) {
			if (this.replicaIds.get(i).equals(avoid)) {
				continue;
			}
			try {
				Http.Response response = Http.to(this.replicaUrls.get(i))
					.timeout(Duration.ofSeconds(20))
					.sendJson(method, path, body);
				problem = Nemesis.LabControl.problem(response);
				if (problem == null) {
					return null;
				}
			}
			catch (Exception ex) {
				problem = ex.toString();
			}
		}
		return problem;
	}

}
