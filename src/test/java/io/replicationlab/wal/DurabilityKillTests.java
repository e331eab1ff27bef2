package io.replicationlab.wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.ReplicaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write is acknowledged only once it survives {@code kill -9}: a replica runs as its
 * own process, clients write to it from several threads, it is killed with SIGKILL right
 * after the last acknowledgement and restarted on the same data directory, and every
 * acknowledged op is in its WAL and its state. The second test shows the setting that
 * makes this true matters: with a write delay the same kill loses acknowledged writes.
 */
class DurabilityKillTests {

	private static final int CLIENTS = 8;

	private static final int WRITES_PER_CLIENT = 64;

	private static final int KEYS = 40;

	private static final int TEN_MINUTES = 600_000;

	@TempDir
	Path dir;

	@Test
	void everyAcknowledgedWriteSurvivesKill9() {
		Path dataDir = this.dir.resolve("k1");
		List<Ack> acks;
		try (ReplicaProcess replica = ReplicaProcess.start("k1", dataDir)) {
			acks = writeConcurrently(replica.http());

			assertThat(replica.kill()).as("exit status of SIGKILL").isEqualTo(ReplicaProcess.KILLED_BY_SIGKILL);
		}
		assertThat(acks).hasSize(CLIENTS * WRITES_PER_CLIENT);

		try (ReplicaProcess restarted = ReplicaProcess.start("k1", dataDir)) {
			Http http = restarted.http();
			Map<String, Long> walLsns = walLsnsByOpId(http);
			assertThat(walLsns).as("the WAL holds exactly the acknowledged ops").hasSize(acks.size());
			for (Ack ack : acks) {
				assertThat(walLsns.get(ack.opId())).as("lsn of acknowledged op " + ack.opId()).isEqualTo(ack.lsn());
			}
			JsonNode entries = http.get("/api/local/kv").json().path("entries");
			lastWriteByKey(acks)
				.forEach((key, ack) -> assertThat(entries.path(key).path(0).asString()).as("state of " + key)
					.isEqualTo(ack.value()));
			Ack last = acks.get(acks.size() - 1);
			JsonNode status = http.get("/api/replica/ops/" + last.opId()).json();
			assertThat(status.path("status").asString()).isEqualTo("applied");
			assertThat(status.path("lsn").asLong()).isEqualTo(last.lsn());
		}
	}

	/**
	 * With a write delay ({@code replica.h2-write-delay}, H2's own default is 500 ms), H2
	 * acknowledges commits it has not yet written to its file, and a SIGKILL right after
	 * the last acknowledgement loses acknowledged writes.
	 * <p>
	 * The delay here is ten minutes, not H2's 500 ms: with 500 ms, H2's background writer
	 * flushed in the moments between the last acknowledgement and the kill once (on a
	 * fresh clone, a loaded machine), and the run lost nothing. H2 writes in the
	 * background only once a whole delay has passed since its last write, so with ten
	 * minutes nothing acknowledged during the test is written before the kill, however
	 * slow the machine, and the last acknowledged write is lost every time. H2's default
	 * loses the same way, only fewer writes ({@code FaultTests} with
	 * {@code -Dfaults.h2-write-delay=500} counts them under repeated kills).
	 */
	@Test
	void withAWriteDelayAKillLosesAcknowledgedWrites() {
		Path dataDir = this.dir.resolve("k2");
		List<Ack> acks;
		try (ReplicaProcess replica = ReplicaProcess.start("k2", dataDir, "--replica.h2-write-delay=" + TEN_MINUTES)) {
			acks = writeConcurrently(replica.http());

			assertThat(replica.kill()).isEqualTo(ReplicaProcess.KILLED_BY_SIGKILL);
		}

		try (ReplicaProcess restarted = ReplicaProcess.start("k2", dataDir)) {
			Map<String, Long> walLsns = walLsnsByOpId(restarted.http());
			List<Ack> lost = acks.stream().filter((ack) -> !walLsns.containsKey(ack.opId())).toList();
			System.out.printf("With a %d ms write delay, SIGKILL lost %d of %d acknowledged writes%n", TEN_MINUTES,
					lost.size(), acks.size());
			assertThat(lost).as("acknowledged writes lost to the write delay (of %d)", acks.size())
				.contains(acks.get(acks.size() - 1));
		}
	}

	/**
	 * Writes from {@value #CLIENTS} threads at once; returns the acknowledgements in lsn
	 * order.
	 */
	private static List<Ack> writeConcurrently(Http http) {
		ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<CompletableFuture<Void>> writers = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				int client = c;
				writers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < WRITES_PER_CLIENT; i++) {
						String key = "k" + ((client * 7 + i) % KEYS);
						String value = "c" + client + "-" + i;
						String opId = UUID.randomUUID().toString();
						Response response = http.put("local", key, value, opId);
						if (response.status() != 200) {
							throw new IllegalStateException("write refused: " + response);
						}
						acks.add(new Ack(opId, key, value, response.json().path("lsn").asLong()));
					}
				}, clients));
			}
			writers.forEach(CompletableFuture::join);
		}
		finally {
			clients.shutdownNow();
		}
		return acks.stream().sorted((a, b) -> Long.compare(a.lsn(), b.lsn())).toList();
	}

	private static Map<String, Long> walLsnsByOpId(Http http) {
		Map<String, Long> lsns = new HashMap<>();
		long after = 0;
		while (true) {
			JsonNode page = http.get("/api/replica/wal?mode=local&after=" + after + "&limit=1000").json();
			if (page.isEmpty()) {
				return lsns;
			}
			for (JsonNode row : page) {
				lsns.put(row.path("opId").asString(), row.path("lsn").asLong());
				after = row.path("lsn").asLong();
			}
		}
	}

	private static Map<String, Ack> lastWriteByKey(List<Ack> acksInLsnOrder) {
		return acksInLsnOrder.stream().collect(Collectors.toMap(Ack::key, (ack) -> ack, (earlier, later) -> later));
	}

	private record Ack(String opId, String key, String value, long lsn) {
	}

}
