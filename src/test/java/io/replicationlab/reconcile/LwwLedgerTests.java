package io.replicationlab.reconcile;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real last-writer-wins conflict between r1 and r2 (cut off from each other), then
 * healed: every replica's ledger names the write it discarded, its winner and why; and
 * each replica's time travel rebuilds the reconcile state it held at every position,
 * siblings and contexts included, up to the state it holds now.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LwwLedgerTests {

	@AutoClose
	final ReplicaCluster cluster = new ReplicaCluster("lww");

	@Test
	void theLedgerNamesTheLoserTheWinnerAndWhyAndTimeTravelReplaysTheConflict() {
		this.cluster.partition("r1", """
				{"groups": [["r1"], ["r2"], ["r3"]]}""");
		this.cluster.write("r1", "paint", "red", null);
		JsonNode afterRed = this.cluster.state("r1");
		this.cluster.write("r2", "paint", "green", null);
		for (String id : ReplicaCluster.IDS) {
			assertThat(
					this.cluster.request(id, "GET", "/api/reconcile/lww-ledger", null).json().path("discarded").asInt())
				.as("nothing lost on %s while cut off", id)
				.isZero();
		}
		this.cluster.heal("r1");
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
			String digest = this.cluster.digest("r1");
			String vector = this.cluster.vector("r1");
			return vector.matches("r1~[0-9a-f]{8}:1,r2~[0-9a-f]{8}:1") && ReplicaCluster.IDS.stream()
				.allMatch((id) -> this.cluster.vector(id).equals(vector) && this.cluster.digest(id).equals(digest));
		});
		assertThat(this.cluster.values("r1", "paint")).containsExactly("green");

		for (String id : ReplicaCluster.IDS) {
			JsonNode ledger = this.cluster.request(id, "GET", "/api/reconcile/lww-ledger", null).json();
			assertThat(ledger.path("replica").asString()).isEqualTo(id);
			assertThat(ledger.path("conflictPolicy").asString()).isEqualTo("lww");
			assertThat(ledger.path("discarded").asInt()).as("ledger of %s: %s", id, ledger).isEqualTo(1);
			JsonNode entry = ledger.path("entries").get(0);
			assertThat(entry.path("key").asString()).isEqualTo("paint");
			assertThat(entry.path("loser").path("value").asString()).isEqualTo("red");
			assertThat(entry.path("loser").path("origin").asString()).isEqualTo("r1");
			assertThat(entry.path("loser").path("dot").asString()).matches("r1~[0-9a-f]{8}:1");
			assertThat(entry.path("winner").path("value").asString()).isEqualTo("green");
			assertThat(entry.path("winner").path("origin").asString()).isEqualTo("r2");
			Instant loserAt = Instant.parse(entry.path("loser").path("acceptedAt").asString());
			Instant winnerAt = Instant.parse(entry.path("winner").path("acceptedAt").asString());
			assertThat(winnerAt).isAfter(loserAt);
			assertThat(entry.path("reason").asString()).isEqualTo("later-clock");
			assertThat(entry.path("byMillis").asLong()).isEqualTo(Duration.between(loserAt, winnerAt).toMillis());
			// the applied log holds the loss where the ledger says
			JsonNode row = this.cluster
				.request(id, "GET",
						"/api/replica/applied?mode=reconcile&after=" + (entry.path("position").asLong() - 1)
								+ "&limit=1",
						null)
				.json()
				.get(0);
			assertThat(row.path("detail").asString()).containsPattern("r1~[0-9a-f]{8}:1");
		}

		// r1 applied red first (position 1), then green, which replaced it
		JsonNode atRed = this.cluster.request("r1", "GET", "/api/reconcile/kv?asOf=1", null).json();
		assertThat(atRed.path("entries")).isEqualTo(afterRed.path("entries"));
		assertThat(atRed.path("digest").asString()).isEqualTo(afterRed.path("digest").asString());
		assertThat(atRed.path("siblings").path("paint").get(0).asString()).matches("r1~[0-9a-f]{8}:1=red");
		assertThat(atRed.path("contexts").path("paint").asString()).matches("r1~[0-9a-f]{8}:1");
		for (String id : ReplicaCluster.IDS) {
			JsonNode now = this.cluster.state(id);
			long last = this.cluster.request(id, "GET", "/api/reconcile/kv?asOf=0", null)
				.json()
				.path("lastPosition")
				.asLong();
			JsonNode atLast = this.cluster.request(id, "GET", "/api/reconcile/kv?asOf=" + last, null).json();
			assertThat(atLast.path("digest").asString()).as("replay of %s up to %d", id, last)
				.isEqualTo(now.path("digest").asString());
			assertThat(atLast.path("versionVector").asString()).matches("r1~[0-9a-f]{8}:1,r2~[0-9a-f]{8}:1");
			assertThat(this.cluster.request(id, "GET", "/api/reconcile/kv?asOf=" + (last + 1), null).status())
				.isEqualTo(400);
		}
	}

}
