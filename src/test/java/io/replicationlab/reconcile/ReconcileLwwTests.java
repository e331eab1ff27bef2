package io.replicationlab.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.replicationlab.vclock.VersionVector;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas under {@code lww}: concurrent writes to one key leave exactly one value,
 * the same everywhere, and every replica counts (and logs) the writes it threw away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileLwwTests {

	@AutoClose
	final ReplicaCluster cluster = new ReplicaCluster("lww");

	@Test
	void concurrentWritesLeaveOneValueEverywhereAndTheLosersAreCounted() {
		this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2"], ["r3"]]}""");
		this.cluster.write("r1", "color", "red", null);
		this.cluster.write("r2", "color", "green", null);
		this.cluster.write("r3", "color", "blue", null);
		this.cluster.heal("r3");
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
			String vector = this.cluster.vector("r1");
			String digest = this.cluster.digest("r1");
			// one write of each replica's incarnation (r1~3f9a0c2e:1...)
			return VersionVector.parse(vector)
				.entries()
				.values()
				.stream()
				.filter((counter) -> counter == 1)
				.count() == 3 && ReplicaCluster.IDS.stream()
					.allMatch((id) -> this.cluster.vector(id).equals(vector) && this.cluster.digest(id).equals(digest));
		});
		List<String> winner = this.cluster.values("r1", "color");
		assertThat(winner).hasSize(1);
		for (String id : ReplicaCluster.IDS) {
			assertThat(this.cluster.values(id, "color")).as("value on %s", id).isEqualTo(winner);
			assertThat(this.cluster.position(id).get("lwwDiscarded").asLong()).as("discarded on %s", id).isEqualTo(2);
			List<String> outcomes = new ArrayList<>();
			this.cluster.request(id, "GET", "/api/replica/applied?mode=reconcile", null)
				.json()
				.forEach((row) -> outcomes.add(row.get("outcome").asString()));
			assertThat(outcomes).filteredOn("DISCARDED"::equals).hasSize(2);
		}
		assertThat(this.cluster.state("r2").get("conflictPolicy").asString()).isEqualTo("lww");
	}

}
