package io.replicationlab.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.replicationlab.faults.WriteLoad.Target;
import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak against the real lab: a steady write load across every replica and mode
 * for {@code -Dsoak.seconds} (default 150), with zero errors, and heap that does not grow
 * without bound (sampled from {@code /actuator/prometheus} every 10 s; compared before
 * and after, once the load stopped and the replicas settled). Not in the default run:
 * {@code ./mvnw verify -Dgroups=soak -DexcludedGroups=}. Prints one line
 * {@code [soak] ...} with its figures.
 */
@Tag("soak")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoakTests {

	private static final String[] MODES = { "local", "total-order", "reconcile" };

	private final LabFixture lab;

	SoakTests(LabFixture lab) {
		this.lab = lab;
	}

	@Test
	void steadyLoadAcrossEveryReplicaAndModeWithoutErrorsOrHeapGrowth() throws Exception {
		long seconds = Long.getLong("soak.seconds", 150);
		List<String> ids = this.lab.replicaIds();
		// warm up, then the baseline heap
		new WriteLoad("warmup", 3, 100, Duration.ofMillis(10), (n) -> target(ids, n)).drain();
		Map<String, Double> before = heapAfterSettling();
		WriteLoad load = new WriteLoad("soak", 6, Integer.MAX_VALUE, Duration.ofMillis(60), (n) -> target(ids, n));
		List<String> samples = new ArrayList<>();
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		try (load) {
			while (System.nanoTime() < end) {
				LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
				samples
					.add(String.format("%.0f", heap().values().stream().mapToDouble(Double::doubleValue).sum() / 1e6));
			}
			load.finish();
		}
		Map<String, Double> after = heapAfterSettling();
		JsonNode totalOrder = History.verify(this.lab.url("r1"), "total-order", 60);
		JsonNode reconcile = History.verify(this.lab.url("r1"), "reconcile", 60);
		System.out.println("[soak] seconds=" + seconds + " threads=6 rate=" + String.format("%.1f/s", load.rate())
				+ " acknowledged=" + load.acknowledged() + " refused=" + load.refused() + " failed=" + load.failed()
				+ " heapBeforeMB=" + mb(before) + " heapAfterMB=" + mb(after) + " heapSamplesMB(sum of 3)=" + samples
				+ " totalOrderHolds=" + totalOrder.get("holds").asBoolean() + " reconcileHolds="
				+ reconcile.get("holds").asBoolean());
		load.refusals().stream().limit(5).forEach((refusal) -> System.out.println("[soak] refused " + refusal));
		assertThat(load.refusals()).as("refused writes").isEmpty();
		assertThat(load.failed()).isZero();
		History.assertJudged(totalOrder, ids);
		History.assertJudged(reconcile, ids);
		assertThat(totalOrder.get("holds").asBoolean()).as(totalOrder.toString()).isTrue();
		assertThat(reconcile.get("holds").asBoolean()).as(reconcile.toString()).isTrue();
		for (String id : ids) {
			// bounded: settled heap stays well inside the lab's -Xmx128m (134 MB), and
			// within 64 MB (or 2x) of where it started
			assertThat(after.get(id)).as(id + " heap after the soak")
				.isLessThan(100e6)
				.isLessThan(Math.max(2 * before.get(id), before.get(id) + 64e6));
		}
	}

	private Target target(List<String> ids, int n) {
		String id = ids.get(n % ids.size());
		return new Target(id, this.lab.url(id), MODES[(n / ids.size()) % MODES.length], null);
	}

	/**
	 * The lowest heap use of each replica over 15 s without load (a collection runs in
	 * between on a busy heap).
	 */
	private Map<String, Double> heapAfterSettling() throws Exception {
		Map<String, Double> lowest = new LinkedHashMap<>();
		for (int sample = 0; sample < 6; sample++) {
			heap().forEach((id, used) -> lowest.merge(id, used, Math::min));
			LockSupport.parkNanos(Duration.ofMillis(2500).toNanos());
		}
		return lowest;
	}

	/**
	 * Each replica's {@code jvm_memory_used_bytes{area="heap"}}, summed over its pools.
	 */
	private Map<String, Double> heap() throws Exception {
		Map<String, Double> heap = new LinkedHashMap<>();
		for (String id : this.lab.replicaIds()) {
			double used = 0;
			for (String line : this.lab.http(id).get("/actuator/prometheus").body().split("\n")) {
				if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
					used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			heap.put(id, used);
		}
		return heap;
	}

	private static Map<String, Long> mb(Map<String, Double> bytes) {
		Map<String, Long> mb = new LinkedHashMap<>();
		bytes.forEach((id, value) -> mb.put(id, Math.round(value / 1e6)));
		return mb;
	}

}
