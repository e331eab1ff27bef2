package io.replicationlab.mode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Time travel against a replay: in the real lab (Kafka for {@code total-order}, peers for
 * {@code reconcile}) two stories make concurrent writes, siblings and crossings, and one
 * op id is retried on both sides of a partition (in {@code reconcile} one write under two
 * dots, both applied everywhere once healed); then for every replica and mode this test
 * rebuilds the state at every position of the stories' part of the applied log with a
 * model of its own (the applied log and WAL as the API lists them, merged by the rules
 * the README states) and compares it with {@code ?asOf=p}; and the state at the last
 * position with the replica's present state.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeTravelReplayTests {

	private final LabFixture lab;

	TimeTravelReplayTests(LabFixture lab) {
		this.lab = lab;
	}

	static final List<String> MODES = List.of("local", "total-order", "reconcile");

	@Test
	void everyPositionAnswersWhatAReplayOfTheAppliedLogGives() throws Exception {
		Map<String, Long> before = new HashMap<>();
		for (String id : this.lab.replicaIds()) {
			for (String mode : MODES) {
				before.put(id + "/" + mode, lastPosition(id, mode));
			}
		}
		runStory("same-writes-three-modes");
		runStory("lost-answer-retried-elsewhere");
		retriedOnBothSidesOfAPartition();
		int compared = 0;
		for (String id : this.lab.replicaIds()) {
			for (String mode : MODES) {
				// the present first (replicas may still be merging what the stories sent:
				// asked until it holds)
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
					JsonNode live = this.lab.http(id).get("/api/" + mode + "/kv").json();
					long last = lastPosition(id, mode);
					JsonNode past = this.lab.http(id).get("/api/" + mode + "/kv?asOf=" + last).json();
					assertThat(lastPosition(id, mode)).isEqualTo(last);
					assertThat(past.path("entries")).as("%s %s at its last position %d", id, mode, last)
						.isEqualTo(live.path("entries"));
					assertThat(past.path("digest").asString()).as("%s %s digest at %d", id, mode, last)
						.isEqualTo(live.path("digest").asString());
				});
				compared += replayAndCompare(id, mode, before.get(id + "/" + mode));
			}
		}
		assertThat(compared).as("positions compared").isGreaterThan(30);
	}

	/**
	 * Replays the replica's whole applied log and compares every position after
	 * {@code from} with ?asOf=.
	 */
	private int replayAndCompare(String id, String mode, long from) throws Exception {
		List<JsonNode> applied = this.lab.http(id).appliedLog(mode, 0);
		Map<String, JsonNode> wal = new HashMap<>();
		for (JsonNode row : this.lab.http(id).wal(mode)) {
			// reconcile: an op is its dot (one op id retried on two replicas is two
			// dots); elsewhere the op id
			wal.put(mode.equals("reconcile") ? row.path("dot").asString() : row.path("opId").asString(), row);
		}
		Model model = mode.equals("reconcile")
				? new ReconcileModel(
						this.lab.http(id).get("/api/reconcile/kv").json().path("conflictPolicy").asString())
				: new SingleValueModel();
		int compared = 0;
		for (JsonNode row : applied) {
			model.apply(row, wal);
			long position = row.path("position").asLong();
			if (position <= from) {
				continue;
			}
			JsonNode past = this.lab.http(id).get("/api/" + mode + "/kv?asOf=" + position).json();
			assertThat(past.path("asOf").asLong()).isEqualTo(position);
			assertThat(entries(past.path("entries"))).as("%s %s entries at %d (%s)", id, mode, position, row)
				.isEqualTo(model.entries());
			if (model instanceof ReconcileModel reconcile) {
				assertThat(siblings(past.path("siblings"))).as("%s reconcile siblings at %d (%s)", id, position, row)
					.isEqualTo(reconcile.siblings());
			}
			compared++;
		}
		return compared;
	}

	interface Model {

		void apply(JsonNode appliedRow, Map<String, JsonNode> wal);

		SortedMap<String, List<String>> entries();

	}

	/**
	 * local and total-order: an APPLIED row sets its key to the op's value (or removes
	 * it); other outcomes change nothing.
	 */
	static final class SingleValueModel implements Model {

		private final SortedMap<String, List<String>> state = new TreeMap<>();

		@Override
		public void apply(JsonNode row, Map<String, JsonNode> wal) {
			if (!row.path("outcome").asString().equals("APPLIED")) {
				return;
			}
			JsonNode op = Objects.requireNonNull(wal.get(row.path("opId").asString()), () -> "no WAL row for " + row);
			if (op.path("value").isNull()) {
				this.state.remove(op.path("key").asString());
			}
			else {
				this.state.put(op.path("key").asString(), List.of(op.path("value").asString()));
			}
		}

		@Override
		public SortedMap<String, List<String>> entries() {
			return new TreeMap<>(this.state);
		}

	}

	/**
	 * reconcile: each dot merged once, at the first applied row that names it. The op
	 * drops the siblings its context covers (and the other dots of the same client
	 * write); it joins the siblings unless the key's context covers its dot or a dot of
	 * the same write was already dropped; under lww only the highest (accept time,
	 * origin, counter) is kept. A read shows each client write once, tombstones not at
	 * all.
	 */
	static final class ReconcileModel implements Model {

		record Version(String dot, String opId, String key, String value, Instant acceptedAt) {

			/**
			 * One client write, retried on two replicas, is two dots of one op id, key
			 * and value.
			 */
			boolean sameWriteAs(Version other) {
				return this.opId.equals(other.opId) && this.key.equals(other.key)
						&& Objects.equals(this.value, other.value);
			}

		}

		private final boolean lww;

		private final Map<String, List<Version>> siblings = new TreeMap<>();

		private final Map<String, Map<String, Long>> contexts = new HashMap<>();

		private final Map<String, List<Version>> merged = new HashMap<>();

		private final Set<String> mergedDots = new HashSet<>();

		ReconcileModel(String policy) {
			this.lww = policy.equals("lww");
		}

		@Override
		public void apply(JsonNode row, Map<String, JsonNode> wal) {
			String dot = row.path("dot").asString(null);
			assertThat(dot).as("the applied row names the dot it merged: %s", row).isNotNull();
			if (!this.mergedDots.add(dot)) {
				return;
			}
			JsonNode op = Objects.requireNonNull(wal.get(dot), () -> "no WAL row for " + row);
			String key = op.path("key").asString();
			Version incoming = new Version(dot, op.path("opId").asString(), key,
					op.path("value").isNull() ? null : op.path("value").asString(),
					Instant.parse(op.path("acceptedAt").asString()));
			Map<String, Long> opContext = vector(op.path("context").asString(""));
			Map<String, Long> context = this.contexts.computeIfAbsent(key, (k) -> new HashMap<>());
			List<Version> live = this.siblings.getOrDefault(key, List.of());
			List<Version> covered = live.stream().filter((v) -> covers(opContext, v.dot())).toList();
			List<Version> kept = new ArrayList<>(
					live.stream().filter((v) -> covered.stream().noneMatch(v::sameWriteAs)).toList());
			boolean seen = covers(context, dot);
			List<Version> twins = this.merged.getOrDefault(incoming.opId(), List.of())
				.stream()
				.filter((twin) -> twin.sameWriteAs(incoming) && !twin.dot().equals(dot))
				.toList();
			boolean twinDropped = twins.stream()
				.anyMatch((twin) -> live.stream().noneMatch((v) -> v.dot().equals(twin.dot())));
			opContext.forEach((replica, counter) -> context.merge(replica, counter, Math::max));
			context.merge(replica(dot), counter(dot), Math::max);
			this.merged.computeIfAbsent(incoming.opId(), (o) -> new ArrayList<>()).add(incoming);
			if (!this.lww) {
				if (seen || twinDropped) {
					kept.removeIf(incoming::sameWriteAs);
				}
				else {
					kept.add(incoming);
				}
			}
			else if (!seen) {
				kept.add(incoming);
				Version winner = kept.stream()
					.max(java.util.Comparator.comparing(Version::acceptedAt)
						.thenComparing((v) -> replica(v.dot()))
						.thenComparingLong((v) -> counter(v.dot())))
					.orElseThrow();
				kept = new ArrayList<>(List.of(winner));
			}
			this.siblings.put(key, kept);
		}

		@Override
		public SortedMap<String, List<String>> entries() {
			SortedMap<String, List<String>> entries = new TreeMap<>();
			this.siblings.forEach((key, versions) -> {
				List<Version> shown = new ArrayList<>();
				for (Version version : versions) {
					if (version.value() != null && shown.stream().noneMatch(version::sameWriteAs)) {
						shown.add(version);
					}
				}
				if (!shown.isEmpty()) {
					entries.put(key, shown.stream().map(Version::value).sorted().toList());
				}
			});
			return entries;
		}

		/** Each key's live versions as {@code dot=value} or {@code dot deleted}. */
		SortedMap<String, Set<String>> siblings() {
			SortedMap<String, Set<String>> described = new TreeMap<>();
			this.siblings.forEach((key, versions) -> described.put(key,
					new TreeSet<>(versions.stream()
						.map((v) -> (v.value() == null) ? v.dot() + " deleted" : v.dot() + "=" + v.value())
						.toList())));
			return described;
		}

		private static Map<String, Long> vector(String text) {
			Map<String, Long> vector = new HashMap<>();
			for (String dot : text.split(",")) {
				if (!dot.isBlank()) {
					vector.merge(replica(dot.strip()), counter(dot.strip()), Math::max);
				}
			}
			return vector;
		}

		private static boolean covers(Map<String, Long> vector, String dot) {
			return vector.getOrDefault(replica(dot), 0L) >= counter(dot);
		}

		private static String replica(String dot) {
			return dot.substring(0, dot.lastIndexOf(':'));
		}

		private static long counter(String dot) {
			return Long.parseLong(dot.substring(dot.lastIndexOf(':') + 1));
		}

	}

	private static SortedMap<String, List<String>> entries(JsonNode entries) {
		SortedMap<String, List<String>> out = new TreeMap<>();
		for (String key : entries.propertyNames()) {
			List<String> values = new ArrayList<>();
			entries.get(key).forEach((value) -> values.add(value.asString()));
			out.put(key, values);
		}
		return out;
	}

	private static SortedMap<String, Set<String>> siblings(JsonNode siblings) {
		SortedMap<String, Set<String>> out = new TreeMap<>();
		for (String key : siblings.propertyNames()) {
			Set<String> versions = new TreeSet<>();
			siblings.get(key).forEach((version) -> versions.add(version.asString()));
			out.put(key, versions);
		}
		return out;
	}

	private long lastPosition(String id, String mode) throws Exception {
		return this.lab.http(id).get("/api/" + mode + "/kv?asOf=0").json().path("lastPosition").asLong();
	}

	/**
	 * A client's write to r1 whose answer it never saw, retried on r2 while a partition
	 * keeps them apart: in {@code reconcile} one write under two dots (twins) that every
	 * replica holds once the partition heals.
	 */
	private void retriedOnBothSidesOfAPartition() throws Exception {
		assertThat(this.lab.http("r1")
			.sendJson("POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}")
			.status()).isEqualTo(200);
		try {
			String body = "{\"value\": \"paid\", \"opId\": \"" + java.util.UUID.randomUUID() + "\"}";
			for (String id : List.of("r1", "r2")) {
				Http.Response write = this.lab.http(id).sendJson("PUT", "/api/reconcile/kv/replay-twin", body);
				assertThat(write.status()).as(write.body()).isEqualTo(200);
			}
		}
		finally {
			assertThat(this.lab.http("r1").sendJson("DELETE", "/api/cluster/partition", null).status()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Set<String> digests = new HashSet<>();
			for (String id : this.lab.replicaIds()) {
				JsonNode state = this.lab.http(id).get("/api/reconcile/kv").json();
				assertThat(state.path("entries").path("replay-twin").toString()).as(id).isEqualTo("[\"paid\"]");
				digests.add(state.path("digest").asString());
			}
			assertThat(digests).hasSize(1);
		});
	}

	private void runStory(String name) throws Exception {
		Http.Response started = this.lab.http("r1").sendJson("POST", "/api/lab/stories/" + name + "/runs", null);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String run = started.json().path("id").asString();
		Map<String, JsonNode> finished = new LinkedHashMap<>();
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			finished.put("run", this.lab.http("r1").get("/api/lab/stories/runs/" + run).json());
			return !finished.get("run").path("status").asString().equals("running");
		});
		assertThat(finished.get("run").path("status").asString()).as(finished.toString()).isEqualTo("finished");
	}

}
