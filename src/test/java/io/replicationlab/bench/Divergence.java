package io.replicationlab.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.replicationlab.testing.Http;
import tools.jackson.databind.JsonNode;

import static io.replicationlab.bench.Benchmark.say;
import static org.awaitility.Awaitility.await;

/**
 * {@code reconcile} after a partition: r1 alone and r2+r3 together each accept N writes;
 * then the partition heals and the replicas pull what they lack. Measures the time to
 * converge (equal version vectors and digests everywhere) in pull intervals, the ops
 * shipped per op missing and the bytes shipped per byte of the missing ops' encoding.
 */
final class Divergence {

	private static final String MODE = "reconcile";

	private final LabClient lab;

	private final LoadDriver driver;

	private final List<String> urls;

	private final Report report;

	Divergence(LabClient lab, LoadDriver driver, List<String> urls, Report report) {
		this.lab = lab;
		this.driver = driver;
		this.urls = urls;
		this.report = report;
	}

	void run(List<Integer> sizes) throws Exception {
		for (int n : sizes) {
			once(n);
		}
	}

	private void once(int n) throws Exception {
		String r1 = this.urls.get(0);
		String r2 = this.urls.get(1);
		String r3 = this.urls.get(2);
		say("reconcile: partition {r1} | {r2, r3}, " + n + " writes on each side");
		awaitConverged(Duration.ofSeconds(120));
		partition("{\"groups\":[[\"r1\"],[\"r2\",\"r3\"]]}");
		String prefix = "div" + n;
		LoadDriver.Load alone = this.driver.run(List.of(r1), MODE, null, 8, Duration.ZERO, n, 0, prefix, 100);
		LoadDriver.Load together = this.driver.run(List.of(r2), MODE, null, 8, Duration.ZERO, n, 0, prefix, 100);
		if (alone.accepted().size() != n || together.accepted().size() != n) {
			throw new IllegalStateException("not every divergent write was accepted");
		}
		awaitEqual(List.of(r2, r3), Duration.ofSeconds(120));
		long[] shippedBefore = shipped();
		long interval = pullIntervalMillis(r1);
		CpuMeter cpu = new CpuMeter(this.urls.stream().map((url) -> this.lab.replica(url).get("pid").asLong()).toList(),
				-1);
		CpuMeter.Reading cpuBefore = cpu.read();
		double commitsBefore = groupCommits();
		long healed = System.nanoTime();
		Http.to(r1).sendJson("DELETE", "/api/cluster/partition", null);
		awaitConverged(Duration.ofSeconds(300));
		double seconds = (System.nanoTime() - healed) / 1e9;
		CpuMeter.Reading used = cpu.read().since(cpuBefore);
		double commits = groupCommits() - commitsBefore;
		long[] shippedAfter = shipped();
		long missing = 3L * n; // r2 and r3 lack r1's n ops, r1 lacks r2's n
		double encoded = encodedSize(r1, alone, 2) + encodedSize(r1, together, 1);
		String section = MODE + " N=" + n;
		this.report.add(section, "converge after heal", seconds * 1000, "ms",
				"heal -> equal version vectors and digests on r1..r3 (polled every 20 ms)");
		this.report.add(section, "converge / pull interval", seconds * 1000 / interval, "x",
				"pull interval " + interval + " ms; issue 14 requires <= 1.5 for N=1000, <= 4 for N=10000");
		this.report.add(section, "ops shipped / ops missing", (shippedAfter[0] - shippedBefore[0]) / (double) missing,
				"x", (shippedAfter[0] - shippedBefore[0]) + " shipped, " + missing + " missing; target 1.00");
		this.report.add(section, "bytes shipped / encoded missing ops", (shippedAfter[1] - shippedBefore[1]) / encoded,
				"x", (shippedAfter[1] - shippedBefore[1]) + " B shipped, " + (long) encoded
						+ " B of missing ops as delta JSON");
		this.report.add(section, "CPU per missing op, machine", used.machineSeconds() * 1e6 / missing, "us",
				"busy CPU time of the whole machine (/proc/stat) from heal to convergence / ops missing");
		this.report.add(section, "CPU per missing op, replicas", used.replicaSeconds() * 1e6 / missing, "us",
				"utime + stime of r1..r3 (/proc/<pid>/stat) from heal to convergence / ops missing");
		this.report.add(section, "CPU per missing op, benchmark", used.benchmarkSeconds() * 1e6 / missing, "us",
				"utime + stime of the benchmark's JVM (its 20 ms convergence probe) from heal to convergence / ops "
						+ "missing");
		this.report.add(section, "group commits during the heal", commits, "x",
				"transactions of r1..r3's single writers (replication_group_commit_units_count)");
	}

	/** Transactions the three replicas' single writers committed so far. */
	private double groupCommits() {
		double commits = 0;
		for (String url : this.urls) {
			commits += this.lab.metric(url, "replication_group_commit_units_count");
		}
		return commits;
	}

	private void partition(String body) {
		int status = Http.to(this.urls.get(0)).sendJson("POST", "/api/cluster/partition", body).status();
		if (status != 200) {
			throw new IllegalStateException("partition refused: " + status);
		}
	}

	private long pullIntervalMillis(String url) {
		JsonNode interval = this.lab.replica(url).path("modes").path(MODE).path("pullInterval");
		return interval.isMissingNode() ? 500 : Duration.parse(interval.asString()).toMillis();
	}

	private long[] shipped() {
		long[] sum = new long[2];
		for (String url : this.urls) {
			long[] shipped = this.lab.shipped(url);
			sum[0] += shipped[0];
			sum[1] += shipped[1];
		}
		return sum;
	}

	/**
	 * The ops' size as they travel (DeltaOp JSON), times how many replicas lacked them.
	 */
	private double encodedSize(String url, LoadDriver.Load load, int lackedBy) {
		Set<UUID> ops = new HashSet<>();
		load.accepted().forEach((sample) -> ops.add(sample.opId()));
		long[] bytes = new long[1];
		this.lab.wal(url, MODE, (row) -> {
			if (ops.contains(UUID.fromString(row.get("opId").asString()))) {
				Map<String, Object> op = new java.util.LinkedHashMap<>();
				op.put("opId", row.get("opId").asString());
				op.put("dot", row.get("dot").asString());
				op.put("key", row.get("key").asString());
				op.put("value", row.get("value").asString());
				op.put("context", row.path("context").asString(""));
				op.put("acceptedAt", row.get("acceptedAt").asString());
				op.put("originLsn", row.get("originLsn").asLong());
				// + 1: the comma between ops
				bytes[0] += Http.json(op).getBytes(StandardCharsets.UTF_8).length + 1;
			}
		});
		return (double) bytes[0] * lackedBy;
	}

	private void awaitConverged(Duration timeout) {
		awaitEqual(this.urls, timeout);
	}

	/**
	 * Polls every 20 ms (the time to converge is the figure) until the replicas' vectors
	 * and digests are equal. A poll stops at the first replica that differs from the
	 * first one: each state it asks for costs the replica a read of every key and a
	 * digest, on the CPU the heal it measures needs, and until the end of a heal the
	 * first two already differ.
	 */
	private void awaitEqual(List<String> replicas, Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.pollDelay(Duration.ZERO)
			.until(() -> allEqual(replicas, (url) -> {
				JsonNode state = this.lab.get(url, "/api/" + MODE + "/kv");
				return state.path("versionVector").asString() + " " + state.path("digest").asString();
			}));
	}

	/** Whether every replica answers what the first one does, asked in order. */
	static boolean allEqual(List<String> replicas, Function<String, String> answer) {
		String first = answer.apply(replicas.get(0));
		for (String url : replicas.subList(1, replicas.size())) {
			if (!first.equals(answer.apply(url))) {
				return false;
			}
		}
		return true;
	}

}
