package io.replicationlab.bench;

import java.nio.file.Files;
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

import io.replicationlab.lab.LabFixture;

/**
 * The benchmark command ({@code ./mvnw -Pbench verify}, see BENCHMARKS.md): starts the
 * lab on free ports in a directory under {@code target/bench} (or uses a running one,
 * {@code --lab-url=} three times and {@code --bootstrap=}), measures the reference limits
 * of its parts on the same broker and disk, drives write load through each mode, prints a
 * table and writes {@code target/bench/results.{json,csv,md}}. Not a test: nothing here
 * passes or fails, the targets are judged from the figures.
 */
public final class Benchmark {

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		// the Kafka clients of the reference measurements log their whole configuration
		// at INFO
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		Path out = Path.of(options.get("out", "target/bench")).toAbsolutePath();
		Path runDir = out.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
		Files.createDirectories(runDir);
		Report report = new Report();
		report.context("startedAt", Instant.now().toString());
		report.context("cores", Runtime.getRuntime().availableProcessors());
		report.context("loadAverageAtStart", loadAverage());
		report.context("options", options.values());
		List<String> urls = options.all("lab-url");
		// --fsync=true (default): a second lab with replica.fsync=true after the default
		// run; only: that lab alone; false: none (nor with --lab-url: the benchmark
		// cannot restart a lab it did not start)
		String fsync = urls.isEmpty() ? options.get("fsync", "true") : "false";
		LabFixture lab = null;
		int exit = 0;
		try {
			String bootstrap = options.get("bootstrap", "localhost:9092");
			if (!"only".equals(fsync)) {
				if (urls.isEmpty()) {
					lab = startLab(options, runDir.resolve("lab"), List.of(), report, "start: broker + 3 replicas");
					urls = lab.replicaUrls();
					bootstrap = lab.bootstrapServers();
				}
				report.context("replicas", urls);
				report.context("bootstrapServers", bootstrap);
				new Scenarios(options, urls, bootstrap, runDir, report).runAll();
			}
			if (!"false".equals(fsync)) {
				if (lab != null) {
					say("stopping the lab");
					lab.close();
				}
				lab = startLab(options, runDir.resolve("lab-fsync"), List.of("--replica.fsync=true"), report,
						"start: broker + 3 replicas, replica.fsync=true");
				Scenarios scenarios = new Scenarios(options, lab.replicaUrls(), lab.bootstrapServers(), runDir, report);
				new FsyncScenarios(scenarios).runAll(Duration.ofSeconds(options.integer("seconds", 10)).dividedBy(4));
			}
		}
		catch (Exception ex) {
			say("benchmark failed: " + ex);
			ex.printStackTrace();
			exit = 1;
		}
		finally {
			if (lab != null) {
				say("stopping the lab");
				lab.close();
			}
		}
		report.context("loadAverageAtEnd", loadAverage());
		report.context("endedAt", Instant.now().toString());
		report.write(out);
		System.out.println();
		System.out.println(report.table());
		say("written to " + out.resolve("results.json") + " (also results.csv, results.md); lab data and logs in "
				+ runDir);
		System.exit(exit);
	}

	/**
	 * Starts a lab in {@code dir} and reports how long it took until every process
	 * answered (section {@code lab}).
	 */
	private static LabFixture startLab(Options options, Path dir, List<String> replicaArguments, Report report,
			String metric) throws Exception {
		say("starting the lab (broker + r1..r3, each its own JVM) in " + dir + " " + replicaArguments);
		String load = loadAverage();
		long began = System.nanoTime();
		List<String> arguments = new ArrayList<>(replicaArguments);
		String jvmOptions = options.get("replica-jvm-options", null);
		if (jvmOptions != null) {
			arguments.add("--lab.replica-jvm-options=" + jvmOptions);
		}
		LabFixture lab = LabFixture.start(dir, (message) -> say("[lab] " + message), arguments);
		double seconds = (System.nanoTime() - began) / 1e9;
		say("lab up in " + Report.number(seconds) + " s");
		report.add("lab", metric, seconds, "s",
				"supervisor start -> every process answers (fresh data dir); load average before: " + load);
		return lab;
	}

	static void say(String message) {
		System.out.println(LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " [bench] " + message);
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

	/**
	 * {@code --name=value} arguments (repeatable), blank arguments ignored, falling back
	 * to {@code -Dbench.name}.
	 */
	record Options(Map<String, List<String>> values) {

		static Options parse(String[] args) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			List<String> words = new ArrayList<>();
			for (String arg : args) {
				words.addAll(Arrays.stream(arg.trim().split("\\s+(?=--)")).filter((word) -> !word.isBlank()).toList());
			}
			for (String word : words) {
				if (!word.startsWith("--") || !word.contains("=")) {
					throw new IllegalArgumentException("expected --name=value, not '" + word + "'");
				}
				int equals = word.indexOf('=');
				values.computeIfAbsent(word.substring(2, equals), (name) -> new ArrayList<>())
					.add(word.substring(equals + 1));
			}
			return new Options(values);
		}

		String get(String name, String fallback) {
			List<String> given = this.values.get(name);
			return (given != null) ? given.get(given.size() - 1) : System.getProperty("bench." + name, fallback);
		}

		int integer(String name, int fallback) {
			return Integer.parseInt(get(name, Integer.toString(fallback)));
		}

		List<String> all(String name) {
			return this.values.getOrDefault(name, List.of());
		}

	}

}
