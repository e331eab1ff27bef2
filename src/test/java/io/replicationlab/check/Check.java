package io.replicationlab.check;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.testing.Http;

/**
 * The checker ({@code ./mvnw -Pcheck verify}, options in {@code -Dcheck.args}): starts a
 * lab on free ports (or uses a running one: {@code --lab-url=} per replica), runs seeded
 * clients and a seeded nemesis, heals, waits for quiet, reads every replica's final view
 * and judges each mode from the clients' history. Writes {@code target/check/<run>/};
 * exits 1 when any mode is invalid.
 */
public final class Check {

	private Check() {
	}

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Map<String, String> options = parse(args);
		Consumer<String> say = Check::say;
		List<String> urls = new ArrayList<>();
		for (String url : options.getOrDefault("lab-url", "").split(",")) {
			if (!url.isBlank()) {
				urls.add(url.trim());
			}
		}
		Path out = Path.of(options.getOrDefault("out", "target/check")).toAbsolutePath();
		String run = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		LabFixture lab = null;
		int exit;
		try {
			String supervisor = null;
			if (urls.isEmpty()) {
				List<String> replicaArgs = new ArrayList<>();
				if (options.containsKey("pitfalls")) {
					replicaArgs.add("--replica.pitfalls=" + options.get("pitfalls"));
				}
				if (options.containsKey("conflict-policy")) {
					replicaArgs.add("--reconcile.conflict-policy=" + options.get("conflict-policy"));
				}
				say.accept("starting the lab in " + out.resolve(run).resolve("lab"));
				lab = LabFixture.start(out.resolve(run).resolve("lab"), (message) -> say.accept("[lab] " + message),
						replicaArgs);
				urls = lab.replicaUrls();
				supervisor = lab.supervisorUrl();
			}
			Map<String, Object> results = run(options, urls, supervisor, out.resolve(run), run, say);
			exit = "true".equals(results.get("valid")) ? 0 : 1;
		}
		catch (Exception ex) {
			say.accept("check failed: " + ex);
			ex.printStackTrace();
			exit = 2;
		}
		finally {
			if (lab != null) {
				lab.close();
			}
		}
		System.exit(exit);
	}

	/** One check against running replicas; returns what results.json holds. */
	static Map<String, Object> run(Map<String, String> options, List<String> urls, String supervisorUrl, Path dir,
			String run, Consumer<String> say) throws Exception {
		long seed = Long
			.parseLong(options.getOrDefault("seed", Long.toString(ThreadLocalRandom.current().nextLong(1, 1_000_000))));
		double seconds = Double.parseDouble(options.getOrDefault("seconds", "120"));
		int clients = Integer.parseInt(options.getOrDefault("clients", "9"));
		List<String> modes = List.of(options.getOrDefault("modes", "local,total-order,reconcile").split(","));
		int keys = Integer.parseInt(options.getOrDefault("keys", "8"));
		// keys of this run only, in a lab that served other runs before: the checkers
		// judge only these keys
		String keyPrefix = options.getOrDefault("key-prefix", "");
		double quiescenceTimeout = Double.parseDouble(options.getOrDefault("quiescence-timeout", "300"));
		double rate = Double.parseDouble(options.getOrDefault("rate", "40"));
		String faultList = options.getOrDefault("faults",
				"kill,pause,broker-kill,broker-stop,partition,kafka-cut,clock-skew");
		List<String> faults = faultList.isBlank() || "none".equals(faultList) ? List.of()
				: List.of(faultList.split(","));
		for (String fault : faults) {
			if (!Nemesis.KINDS.contains(fault)) {
				throw new IllegalArgumentException("unknown fault " + fault + "; known: " + Nemesis.KINDS);
			}
		}
		List<String> ids = new ArrayList<>();
		for (String url : urls) {
			ids.add(Http.to(url).getJson("/api/replica").path("id").asString());
		}
		String replay = "./mvnw -Pcheck verify -Dcheck.args=\"--seed=" + seed + " --seconds=" + (long) seconds
				+ " --clients=" + clients + " --rate=" + (long) rate + " --keys=" + keys + " --modes="
				+ String.join(",", modes) + " --faults=" + (faults.isEmpty() ? "none" : String.join(",", faults))
				+ (options.containsKey("pitfalls") ? " --pitfalls=" + options.get("pitfalls") : "")
				+ (options.containsKey("conflict-policy") ? " --conflict-policy=" + options.get("conflict-policy") : "")
				+ (keyPrefix.isEmpty() ? "" : " --key-prefix=" + keyPrefix)
				+ (options.containsKey("retry-elsewhere") ? " --retry-elsewhere=" + options.get("retry-elsewhere") : "")
				+ "\"";
		say.accept("check " + run + ": seed " + seed + ", " + seconds + " s, " + clients + " clients, modes " + modes
				+ ", faults " + faults + "; replay: " + replay);
		History history = new History();
		double retryElsewhere = Double.parseDouble(options.getOrDefault("retry-elsewhere", "0"));
		Workload workload = new Workload(history, ids, urls, modes, keyPrefix, keys, seed, clients, rate,
				retryElsewhere);
		List<Nemesis.Fault> schedule = Nemesis.plan(seed, faults, ids, seconds);
		Nemesis nemesis = new Nemesis(schedule, new HttpLab(ids, urls, supervisorUrl), history,
				Boolean.parseBoolean(options.getOrDefault("asymmetric", "true")), (m) -> say.accept("[nemesis] " + m));
		long start = history.now();
		long deadline = start + (long) (seconds * 1e9);
		Instant startedAt = Instant.now();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < clients; p++) {
			int process = p;
			Thread thread = new Thread(() -> workload.run(process, deadline), "client-" + p);
			thread.start();
			threads.add(thread);
		}
		Thread nemesisThread = new Thread(() -> nemesis.run(start, seconds), "nemesis");
		nemesisThread.start();
		for (Thread thread : threads) {
			thread.join();
		}
		nemesisThread.join();
		new HttpLab(ids, urls, supervisorUrl).heal(null);
		Collector collector = new Collector(ids, urls, modes, keyPrefix, say);
		double quiet = collector.awaitQuiescence(quiescenceTimeout);
		say.accept("quiet after " + quiet + " s; reading every replica's final view");
		Observed observed = collector.collect();
		List<Event> events = history.events();
		List<Anomalies> anomalies = new ArrayList<>();
		for (String mode : modes) {
			anomalies.add(switch (mode) {
				case "total-order" -> TotalOrderChecker.check(events, observed, ids);
				case "reconcile" -> ReconcileChecker.check(events, observed, ids);
				default -> LocalChecker.check(events, observed, ids);
			});
		}
		Map<String, Object> results = Results.of(run, seed, options, startedAt, events, anomalies, nemesis.applied(),
				quiet);
		results.put("replay", replay);
		Outputs.write(dir, events, observed, results, anomalies, nemesis.applied());
		anomalies.forEach((found) -> say.accept(found.toString()));
		say.accept("valid: " + results.get("valid") + "; " + results.get("operations") + "; faults "
				+ nemesis.applied().size() + "; written to " + dir);
		return results;
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			for (String word : arg.trim().split("\\s+")) {
				if (word.isBlank()) {
					continue;
				}
				if (!word.startsWith("--") || !word.contains("=")) {
					throw new IllegalArgumentException("expected --name=value, not '" + word + "'");
				}
				int equals = word.indexOf('=');
				options.merge(word.substring(2, equals), word.substring(equals + 1), (a, b) -> a + "," + b);
			}
		}
		return options;
	}

	static void say(String message) {
		System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " [check] " + message);
	}

	static List<String> words(String text) {
		return Arrays.asList(text.split(","));
	}

}
