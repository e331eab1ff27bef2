package io.replicationlab.bench;

import java.time.Duration;

import static io.replicationlab.bench.Benchmark.say;
import static io.replicationlab.bench.Scenarios.percentile;

/**
 * The price of power-loss durability: every mode's write rate on a lab whose replicas run
 * with {@code replica.fsync=true} (one {@code fsync} per group commit), beside the raw
 * disk's {@code fsync} rate measured in the same run on the same disk. Sections are named
 * {@code fsync ...}, so that none of the default run's names changes.
 */
final class FsyncScenarios {

	static final String PREFIX = "fsync ";

	private static final String TO = "total-order";

	private static final Duration RAW_BUDGET = Duration.ofSeconds(5);

	private final Scenarios scenarios;

	private final Report report;

	FsyncScenarios(Scenarios scenarios) {
		this.scenarios = scenarios;
		this.report = scenarios.report();
	}

	void runAll(Duration warmUp) throws Exception {
		this.scenarios.warmUp(warmUp);
		references();
		say(PREFIX + TO + ": await=applied, " + this.scenarios.threads() + " closed-loop client threads");
		Scenarios.AppliedEverywhere load = this.scenarios.appliedEverywhere(this.scenarios.threads(), 0);
		this.report.add(PREFIX + TO, "writes/s applied on all 3", load.perSecond(), "1/s", this.scenarios.threads()
				+ " client threads, await=applied, " + load.count() + " writes, replica.fsync=true");
		this.report.add(PREFIX + TO, "request -> applied on all 3 p50", percentile(load.latencies(), 0.50), "ms",
				"same load");
		this.report.add(PREFIX + TO, "request -> applied on all 3 p99", percentile(load.latencies(), 0.99), "ms",
				"same load");
		this.scenarios.closedLoop(PREFIX + TO + " durable", TO, "durable", "writes/s answered (await=durable)");
		this.scenarios.closedLoop(PREFIX + TO + " ordered", TO, "ordered", "writes/s answered (await=ordered)");
		this.scenarios.awaitApplied(TO, Duration.ofSeconds(120));
		this.scenarios.closedLoop(PREFIX + "reconcile", "reconcile", null, "writes/s accepted");
		this.scenarios.closedLoop(PREFIX + "local", "local", null, "writes/s");
		ratios();
	}

	private void references() throws Exception {
		say(PREFIX + "reference: raw fsyncs of the run's disk");
		double forces = RawFsyncBenchmark.forcesPerSecond(this.scenarios.runDir().resolve("raw-fsync"), 2000,
				RAW_BUDGET);
		this.report.add(PREFIX + "reference", "raw fsyncs/s", forces, "1/s",
				"append 512 B + FileChannel.force(true), one file, same disk, up to 2000 or " + RAW_BUDGET.toSeconds()
						+ " s");
		say(PREFIX + "reference: raw H2 commits with CHECKPOINT SYNC");
		double h2 = RawFsyncBenchmark.h2SyncedCommitsPerSecond(this.scenarios.runDir().resolve("raw-h2-sync"), 2000,
				RAW_BUDGET, LoadDriver.VALUE_LENGTH);
		this.report.add(PREFIX + "reference", "raw H2 single-row commits/s, CHECKPOINT SYNC each", h2, "1/s",
				"as the raw H2 reference, each commit followed by CHECKPOINT SYNC (what replica.fsync=true does per group)");
	}

	private void ratios() {
		double forces = this.report.value(PREFIX + "reference", "raw fsyncs/s");
		ratio("total-order applied", this.report.value(PREFIX + TO, "writes/s applied on all 3"), forces);
		ratio("total-order durable", this.report.value(PREFIX + TO + " durable", "writes/s answered (await=durable)"),
				forces);
		ratio("total-order ordered", this.report.value(PREFIX + TO + " ordered", "writes/s answered (await=ordered)"),
				forces);
		ratio("reconcile", this.report.value(PREFIX + "reconcile", "writes/s accepted"), forces);
		ratio("local", this.report.value(PREFIX + "local", "writes/s"), forces);
	}

	private void ratio(String what, double writes, double forces) {
		this.report.add(PREFIX + "ratio", what + " writes/s / raw fsyncs/s", writes / forces, "x",
				"> 1: group commit shares one fsync among several writes");
	}

}
