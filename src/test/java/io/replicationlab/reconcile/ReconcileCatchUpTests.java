package io.replicationlab.reconcile;

import java.time.Duration;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a pull interval far longer than the test, replicas that diverged behind a
 * partition can only converge if a heal makes them pull at once (the writes made during
 * the cut were never pushed across it).
 */
class ReconcileCatchUpTests {

	@AutoClose
	final ReplicaCluster cluster = new ReplicaCluster("multi-value", "1h");

	@Test
	void aHealMakesEveryReplicaPullAtOnceInsteadOfAtItsNextRound() {
		assertThat(this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2", "r3"]]}""").status()).isEqualTo(200);
		for (int i = 0; i < 30; i++) {
			this.cluster.write("r1", "left-" + i, "l" + i, null);
			this.cluster.write("r2", "right-" + i, "r" + i, null);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.cluster.vector("r2").equals(this.cluster.vector("r3")));
		assertThat(this.cluster.vector("r1")).isNotEqualTo(this.cluster.vector("r2"));

		assertThat(this.cluster.heal("r1").status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cluster.vector("r1").equals(this.cluster.vector("r2"))
					&& this.cluster.vector("r2").equals(this.cluster.vector("r3")));
		assertThat(this.cluster.values("r1", "right-29")).containsExactly("r29");
		assertThat(this.cluster.values("r3", "left-29")).containsExactly("l29");
	}

}
