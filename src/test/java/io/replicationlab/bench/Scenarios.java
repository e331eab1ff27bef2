package io.replicationlab.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static io.replicationlab.bench.Benchmark.say;
import static org.awaitility.Awaitility.await;

/**
 * The measurements, in order: reference limits, total-order, reconcile, local, the lab's
 * memory, the ratios.
 */
final class Scenarios {

	/**
	 * Bytes of a total-order record with a {@link LoadDriver#VALUE_LENGTH}-character
	 * value (see OrderedRecord).
	 */
	static final int RECORD_BYTES = ("{\"opId\":\"" + UUID.randomUUID() + "\",\"origin\":\"r1\",\"key\":\"to-123\","
			+ "\"value\":\"" + "v".repeat(LoadDriver.VALUE_LENGTH) + "\",\"originLsn\":12345,"
			+ "\"acceptedAt\":\"2026-11-29T13:05:07.123456Z\"}")
		.length();

	private static final String TO = "total-order";

	/**
	 * Records per poll in the apply floor: about the ops a loaded replica commits at once
	 * (the 'group commits per write' rows: ~0.16 per write per replica).
	 */
	private static final int APPLY_POLL = 6;

	private final List<String> urls;

	private final String bootstrap;

	private final Path runDir;

	private final Report report;

	private final LabClient lab = new LabClient();

	private final LoadDriver.OpIdSource opIds;

	private final LoadDriver driver;

	private final Duration phase;

	private final int threads;

	private final double moderateRate;

	private final List<Integer> divergent;

	/**
	 * {@code --only=divergent}: the reconcile warm-up and the divergence runs alone;
	 * {@code --only=total-order}: the total-order warm-up, the references and the
	 * total-order phases alone.
	 */
	private final String only;

	private CpuMeter cpu;

	Scenarios(Benchmark.Options options, List<String> urls, String bootstrap, Path runDir, Report report) {
		this.urls = urls;
		this.bootstrap = bootstrap;
		this.runDir = runDir;
		this.report = report;
		this.phase = Duration.ofSeconds(options.integer("seconds", 10));
		this.threads = options.integer("threads", 64);
		this.moderateRate = Double.parseDouble(options.get("moderate-rate", "50"));
		this.only = options.get("only", "");
		this.opIds = LoadDriver.OpIdSource.of(options.get("op-ids", "replica"));
		this.driver = new LoadDriver(this.opIds);
		this.divergent = List.of(options.get("divergent", "1000,10000").split(","))
			.stream()
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
	}

	void runAll() throws Exception {
		if ("total-order".equals(this.only)) {
			awaitKafkaReachable();
			this.driver.run(this.urls, TO, null, this.threads, this.phase.dividedBy(2), 0, 0, "warm", 100);
			awaitApplied(TO, Duration.ofSeconds(120));
			references();
			settleCompiler();
			totalOrder();
			memory();
			return;
		}
		if ("divergent".equals(this.only)) {
			awaitKafkaReachable();
			this.driver.run(this.urls, "reconcile", null, this.threads, this.phase.dividedBy(2), 0, 0, "warm", 100);
			new Divergence(this.lab, this.driver, this.urls, this.report).run(this.divergent);
			memory();
			return;
		}
		warmUp(this.phase.dividedBy(2));
		references();
		settleCompiler();
		totalOrder();
		closedLoop("reconcile", null, "writes/s accepted");
		new Divergence(this.lab, this.driver, this.urls, this.report).run(this.divergent);
		closedLoop("local", null, "writes/s");
		memory();
		ratios();
	}

	void warmUp(Duration each) throws Exception {
		awaitKafkaReachable();
		say("warm-up: " + each.toMillis() / 1000.0 + " s per mode");
		for (String mode : List.of(TO, "reconcile", "local")) {
			this.driver.run(this.urls, mode, null, this.threads, each, 0, 0, "warm", 100);
		}
		awaitApplied(TO, Duration.ofSeconds(120));
	}

	/**
	 * Writes (unmeasured) until the benchmark's own JIT compilers are nearly idle: the
	 * references leave its C2 compiling their code and the clients' for seconds, and it
	 * shares the two cores with what the first phase measures (~1.8 s of compilation in
	 * that phase before this step).
	 */
	private void settleCompiler() throws Exception {
		CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		long before;
		do {
			before = compiler.getTotalCompilationTime();
			this.driver.run(this.urls, TO, "durable", this.threads, Duration.ofSeconds(1), 0, 0, "settle", 100);
		}
		while (compiler.getTotalCompilationTime() - before > 50 && System.nanoTime() < deadline);
		awaitApplied(TO, Duration.ofSeconds(120));
	}

	/** Transactions the three replicas' single writers committed so far. */
	private double groupCommits() {
		double commits = 0;
		for (String url : this.urls) {
			commits += this.lab.metric(url, "replication_group_commit_units_count");
		}
		return commits;
	}

	/** Collections of r1..r3 so far and their pauses' total, seconds. */
	private double[] gcPauses() {
		double[] pauses = new double[2];
		for (String url : this.urls) {
			pauses[0] += this.lab.metric(url, "jvm_gc_pause_seconds_count");
			pauses[1] += this.lab.metric(url, "jvm_gc_pause_seconds_sum");
		}
		return pauses;
	}

	private CpuMeter cpu() {
		if (this.cpu == null) {
			this.cpu = new CpuMeter(this.urls.stream().map((url) -> this.lab.replica(url).get("pid").asLong()).toList(),
					this.lab.brokerPid(this.urls.get(0)));
		}
		return this.cpu;
	}

	int threads() {
		return this.threads;
	}

	Path runDir() {
		return this.runDir;
	}

	Report report() {
		return this.report;
	}

	private void references() throws Exception {
		say("reference: raw H2 single-row commits");
		double h2 = RawH2Benchmark.singleRowCommitsPerSecond(this.runDir.resolve("raw-h2"), 5000,
				LoadDriver.VALUE_LENGTH);
		this.report.add("reference", "raw H2 single-row commits/s", h2, "1/s",
				"bare JDBC, WAL-shaped table, WRITE_DELAY=0, same disk, 5000 commits");
		say("reference: raw H2 total-order apply (the database work alone, polls of " + APPLY_POLL + ")");
		double random = RawApplyBenchmark.cpuMicrosPerOp(this.runDir.resolve("raw-apply"), 50_000, 6000, APPLY_POLL,
				LoadDriver.VALUE_LENGTH, false);
		this.report.add("reference", "raw H2 total-order apply, CPU per op", random, "us",
				"bare JDBC on the replica's schema and H2 settings, C2: one poll's statements per " + APPLY_POLL
						+ " records, one commit; thread CPU over 6000 ops after 50000; random (version-4) op ids");
		double timeOrdered = RawApplyBenchmark.cpuMicrosPerOp(this.runDir.resolve("raw-apply-time-ordered"), 50_000,
				6000, APPLY_POLL, LoadDriver.VALUE_LENGTH, true);
		this.report.add("reference", "raw H2 total-order apply, CPU per op, time-ordered op ids", timeOrdered, "us",
				"the same with time-ordered (version-7) op ids, as a replica makes them for a write without one");
		double floor = (this.opIds == LoadDriver.OpIdSource.RANDOM) ? random : timeOrdered;
		int cores = Runtime.getRuntime().availableProcessors();
		this.report.add("reference", "total-order ceiling by the apply alone / raw H2", cores * 1e6 / (3 * floor) / h2,
				"x",
				"writes/s the " + cores + " cores would apply on all 3 if a write cost nothing but three of those "
						+ "applies (op ids as this run's writes carry them), over raw H2 commits/s; issue 14 requires "
						+ "the measured ratio >= 0.5");
		say("reference: raw Kafka producer");
		double producer = RawKafkaBenchmark.producerRecordsPerSecond(this.bootstrap, 100_000, RECORD_BYTES);
		this.report.add("reference", "raw Kafka producer records/s", producer, "1/s",
				"ProducerPerformance: acks=all, idempotent, 1 partition, " + RECORD_BYTES + " B, 100k records");
		say("reference: raw Kafka end-to-end latency");
		List<Double> e2e = RawKafkaBenchmark.endToEndLatenciesMillis(this.bootstrap, 2000, RECORD_BYTES);
		this.report.add("reference", "raw Kafka e2e p50", percentile(e2e, 0.50), "ms",
				"EndToEndLatency: send, wait for a consumer to see it, 2000 x " + RECORD_BYTES + " B");
		this.report.add("reference", "raw Kafka e2e p99", percentile(e2e, 0.99), "ms", "same");
	}

	private void totalOrder() throws Exception {
		say("total-order: await=applied, " + this.threads + " closed-loop client threads over r1..r3");
		long walBefore = this.lab.replica(this.urls.get(0)).get("walSize").asLong();
		AppliedEverywhere load = appliedEverywhere(this.threads, 0);
		long walAfter = this.lab.replica(this.urls.get(0)).get("walSize").asLong();
		this.report.add(TO, "writes/s applied on all 3", load.perSecond(), "1/s",
				this.threads + " client threads, await=applied, " + load.count() + " writes");
		this.report.add(TO, "request -> applied on all 3 p50", percentile(load.latencies(), 0.50), "ms", "same load");
		this.report.add(TO, "request -> applied on all 3 p99", percentile(load.latencies(), 0.99), "ms", "same load");
		this.report.add(TO, "WAL appends/s (r1)", (walAfter - walBefore) / load.seconds(), "1/s",
				"r1's WAL rows (CLIENT + KAFKA) over the same window");
		cpuPerWrite(TO, load.cpu(), load.count());
		this.report.add(TO, "group commits per write, replicas", load.groupCommits() / load.count(), "x",
				"transactions of r1..r3's single writers (replication_group_commit_units_count) / writes");

		say("total-order: moderate load, " + this.moderateRate + " writes/s paced");
		double[] pausesBefore = gcPauses();
		AppliedEverywhere moderate = appliedEverywhere(4, this.moderateRate);
		double[] pausesAfter = gcPauses();
		this.report.add(TO, "moderate: request -> applied on all 3 p50", percentile(moderate.latencies(), 0.50), "ms",
				"paced " + Report.number(this.moderateRate) + " writes/s from 4 threads, " + moderate.count()
						+ " writes");
		this.report.add(TO, "moderate: request -> applied on all 3 p99", percentile(moderate.latencies(), 0.99), "ms",
				"same");
		this.report.add(TO, "moderate: GC pauses, replicas", pausesAfter[0] - pausesBefore[0], "x",
				"collections on r1..r3 over the paced phase (jvm_gc_pause_seconds_count): each stops its replica");
		this.report.add(TO, "moderate: GC pause time, replicas", (pausesAfter[1] - pausesBefore[1]) * 1000, "ms",
				"their total (jvm_gc_pause_seconds_sum), over " + Report.number(moderate.seconds()) + " s");
		closedLoop(TO, "durable", "writes/s answered (await=durable)");
		closedLoop(TO, "ordered", "writes/s answered (await=ordered)");
		awaitApplied(TO, Duration.ofSeconds(120));
	}

	/** The outcome of a total-order load measured where the ops were applied. */
	record AppliedEverywhere(int count, double seconds, List<Double> latencies, CpuMeter.Reading cpu,
			double groupCommits) {

		double perSecond() {
			return this.count / this.seconds;
		}

	}

	AppliedEverywhere appliedEverywhere(int threads, double rate) throws Exception {
		List<Long> before = new ArrayList<>();
		for (String url : this.urls) {
			before.add(this.lab.appliedPosition(url, TO));
		}
		CpuMeter.Reading cpuBefore = cpu().read();
		double commitsBefore = groupCommits();
		LoadDriver.Load load = this.driver.run(this.urls, TO, "applied", threads, this.phase, 0, rate, "to", 1000);
		List<LoadDriver.Sample> accepted = load.accepted();
		awaitPositions(before, accepted.size(), Duration.ofSeconds(120));
		CpuMeter.Reading cpu = cpu().read().since(cpuBefore);
		double commits = groupCommits() - commitsBefore;
		Map<UUID, Instant> last = new HashMap<>();
		for (int i = 0; i < this.urls.size(); i++) {
			this.lab.appliedAt(this.urls.get(i), TO, before.get(i))
				.forEach((opId, at) -> last.merge(opId, at, (a, b) -> a.isAfter(b) ? a : b));
		}
		List<Double> latencies = new ArrayList<>(accepted.size());
		Instant end = load.start();
		for (LoadDriver.Sample sample : accepted) {
			Instant applied = last.get(sample.opId());
			if (applied == null) {
				throw new IllegalStateException("op " + sample.opId() + " was not applied everywhere");
			}
			latencies.add(Duration.between(sample.sentAt(), applied).toNanos() / 1e6);
			end = applied.isAfter(end) ? applied : end;
		}
		Collections.sort(latencies);
		return new AppliedEverywhere(accepted.size(), Duration.between(load.start(), end).toNanos() / 1e9, latencies,
				cpu, commits);
	}

	private void closedLoop(String mode, String await, String what) throws Exception {
		closedLoop((await != null) ? mode + " " + await : mode, mode, await, what);
	}

	void closedLoop(String section, String mode, String await, String what) throws Exception {
		say(mode + ((await != null) ? " await=" + await : "") + ": " + this.threads + " closed-loop client threads");
		CpuMeter.Reading cpuBefore = cpu().read();
		LoadDriver.Load load = this.driver.run(this.urls, mode, await, this.threads, this.phase, 0, 0, mode, 1000);
		CpuMeter.Reading used = cpu().read().since(cpuBefore);
		int refused = load.samples().size() - load.accepted().size();
		this.report.add(section, what, load.perSecond(), "1/s", this.threads + " client threads, "
				+ load.accepted().size() + " writes" + ((refused > 0) ? ", " + refused + " not accepted" : ""));
		this.report.add(section, "request -> answer p50", percentile(load.latenciesMillis(), 0.50), "ms", "same load");
		this.report.add(section, "request -> answer p99", percentile(load.latenciesMillis(), 0.99), "ms", "same load");
		cpuPerWrite(section, used, load.accepted().size());
	}

	/**
	 * The CPU a write of the phase cost: the whole machine's (the broker and the
	 * benchmark's clients included) and the three replicas' together.
	 */
	private void cpuPerWrite(String section, CpuMeter.Reading used, int writes) {
		if (writes == 0 || used.machineSeconds() <= 0) {
			return;
		}
		this.report.add(section, "CPU per write, machine", used.machineSeconds() * 1000 / writes, "ms",
				"busy CPU time of the whole machine (/proc/stat) over the phase / writes");
		this.report.add(section, "CPU per write, replicas", used.replicaSeconds() * 1000 / writes, "ms",
				"utime + stime of r1..r3 (/proc/<pid>/stat) over the phase / writes");
		if (used.brokerSeconds() > 0) {
			this.report.add(section, "CPU per write, broker", used.brokerSeconds() * 1000 / writes, "ms",
					"utime + stime of the Kafka broker's process over the phase / writes");
		}
		this.report.add(section, "CPU per write, benchmark", used.benchmarkSeconds() * 1000 / writes, "ms",
				"utime + stime of the benchmark's JVM (its HTTP clients; the lab's supervisor, idle) / writes");
	}

	private void memory() {
		List<JsonNode> replicas = new ArrayList<>();
		for (String url : this.urls) {
			JsonNode replica = this.lab.replica(url);
			replicas.add(replica);
			String id = replica.get("id").asString();
			this.report.add("memory", id + " heap used", this.lab.heapUsed(url) / 1048576.0, "MiB",
					"jvm_memory_used_bytes{area=heap} after the run");
			this.report.add("memory", id + " resident (VmRSS)",
					LabClient.residentBytes(replica.get("pid").asLong()) / 1048576.0, "MiB", "/proc/<pid>/status");
		}
		// after every replica's heap used is read: a full GC is what separates the live
		// set from the garbage the old generation holds until it fills
		for (JsonNode replica : replicas) {
			String id = replica.get("id").asString();
			Path histogram = this.runDir.resolve(id + "-class-histogram.txt");
			long live = this.lab.liveBytes(replica.get("pid").asLong(), histogram);
			if (live >= 0) {
				this.report.add("memory", id + " live heap", live / 1048576.0, "MiB",
						"reachable objects after a full GC (jcmd GC.class_histogram total, in "
								+ histogram.getFileName() + ")");
			}
		}
	}

	private void ratios() {
		double h2 = this.report.value("reference", "raw H2 single-row commits/s");
		this.report.add("ratio", "total-order applied writes/s / raw H2 commits/s",
				this.report.value(TO, "writes/s applied on all 3") / h2, "x", "target >= 0.5");
		this.report.add("ratio", "total-order p99 (moderate) / raw Kafka e2e p99",
				this.report.value(TO, "moderate: request -> applied on all 3 p99")
						/ this.report.value("reference", "raw Kafka e2e p99"),
				"x", "target <= 2.0");
		this.report.add("ratio", "WAL append rate / raw H2 commit rate",
				this.report.value(TO, "WAL appends/s (r1)") / h2, "x", "r1 during the total-order load");
	}

	void awaitKafkaReachable() {
		for (String url : this.urls) {
			await(url + " reaches Kafka").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> "REACHABLE".equals(this.lab.replica(url).path("modes").path(TO).path("kafka").asString()));
		}
	}

	/** Waits until each replica's total-order applied log grew by {@code count} rows. */
	private void awaitPositions(List<Long> before, int count, Duration timeout) {
		for (int i = 0; i < this.urls.size(); i++) {
			String url = this.urls.get(i);
			long target = before.get(i) + count;
			await(url + " applies " + count + " ops").atMost(timeout)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> this.lab.appliedPosition(url, TO) >= target);
		}
	}

	/**
	 * Waits until every replica applied everything in the topic and every outbox is
	 * empty.
	 */
	void awaitApplied(String mode, Duration timeout) {
		await(mode + " quiesces").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
			boolean done = true;
			for (String url : this.urls) {
				JsonNode position = this.lab.replica(url).path("modes").path(mode);
				done &= position.path("outbox").asLong() == 0 && position.path("lag").asLong(1) == 0;
			}
			return done;
		});
	}

	static double percentile(List<Double> sorted, double quantile) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

}
