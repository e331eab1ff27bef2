package io.replicationlab.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.replicationlab.testing.Http;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * After the faults are healed: waits until the replicas are quiet (the same applied
 * positions and digests on two polls in a row, and total order and reconcile agreeing
 * between replicas) or a deadline passes, then reads each replica's applied logs, WAL and
 * state for every mode, paged.
 */
final class Collector {

	private final List<String> replicaIds;

	private final List<String> urls;

	private final List<String> modes;

	/**
	 * Only keys starting with it are this run's ({@code --key-prefix}); empty: every key.
	 */
	private final String keyPrefix;

	private final Consumer<String> say;

	Collector(List<String> replicaIds, List<String> urls, List<String> modes, String keyPrefix, Consumer<String> say) {
		this.replicaIds = replicaIds;
		this.urls = urls;
		this.modes = modes;
		this.keyPrefix = keyPrefix;
		this.say = say;
	}

	/** Whether a row or entry of this key is this run's. */
	private boolean ours(String key) {
		return this.keyPrefix.isEmpty() || (key != null && key.startsWith(this.keyPrefix));
	}

	/** Returns how long it took (seconds), or -1 when the deadline passed first. */
	double awaitQuiescence(double maxSeconds) {
		long began = System.nanoTime();
		AtomicReference<String> last = new AtomicReference<>();
		AtomicInteger same = new AtomicInteger();
		try {
			Awaitility.await()
				.atMost(Duration.ofMillis((long) (maxSeconds * 1000)))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					// quiet: the same positions and digests three reads in a row
					String now = fingerprint();
					if (now != null && now.equals(last.getAndSet(now))) {
						return same.incrementAndGet() >= 2;
					}
					same.set(0);
					return false;
				});
			return Nemesis.round((System.nanoTime() - began) / 1e9);
		}
		catch (ConditionTimeoutException ex) {
			this.say.accept("not quiet after " + maxSeconds + " s: checking what there is");
			return -1;
		}
	}

	/**
	 * Positions and digests of every replica; null when one does not answer or replicated
	 * modes still differ.
	 */
	private String fingerprint() {
		Map<String, Map<String, String>> digests = new TreeMap<>();
		StringBuilder all = new StringBuilder();
		for (int i = 0; i < this.urls.size(); i++) {
			try {
				JsonNode replica = Http.to(this.urls.get(i)).getJson("/api/replica");
				all.append(replica.path("modes").toString());
				for (String mode : this.modes) {
					JsonNode state = Http.to(this.urls.get(i)).getJson("/api/" + mode + "/kv");
					// with a key prefix, this run's entries: keys of earlier runs may
					// differ for good (a pitfall's)
					String digest = this.keyPrefix.isEmpty() ? state.path("digest").asString()
							: entries(state).toString();
					digests.computeIfAbsent(mode, (m) -> new TreeMap<>()).put(this.replicaIds.get(i), digest);
					all.append(digest);
				}
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
		for (String mode : List.of("total-order", "reconcile")) {
			if (digests.containsKey(mode) && digests.get(mode).values().stream().distinct().count() > 1) {
				return null;
			}
		}
		return all.toString();
	}

	Observed collect() {
		Map<String, Observed.Replica> replicas = new LinkedHashMap<>();
		for (int i = 0; i < this.urls.size(); i++) {
			String url = this.urls.get(i);
			try {
				Map<String, Observed.ModeView> views = new LinkedHashMap<>();
				for (String mode : this.modes) {
					views.put(mode, new Observed.ModeView(applied(url, mode), wal(url, mode), state(url, mode)));
				}
				replicas.put(this.replicaIds.get(i), new Observed.Replica(views));
			}
			catch (RuntimeException ex) {
				this.say.accept(this.replicaIds.get(i) + " did not answer: " + ex.getMessage());
			}
		}
		return new Observed(replicas);
	}

	private List<Observed.Applied> applied(String url, String mode) {
		List<Observed.Applied> rows = new ArrayList<>();
		for (JsonNode row : Http.to(url).appliedLog(mode, 0)) {
			if (ours(text(row, "key"))) {
				rows.add(new Observed.Applied(row.path("position").asLong(), text(row, "opId"), text(row, "key"),
						text(row, "outcome"), text(row, "detail")));
			}
		}
		return rows;
	}

	private List<Observed.Wal> wal(String url, String mode) {
		List<Observed.Wal> rows = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = Http.to(url).getJson("/api/replica/wal?mode=" + mode + "&limit=1000&after=" + after);
			if (page.isEmpty()) {
				return rows;
			}
			for (JsonNode row : page.values()) {
				if (ours(text(row, "key"))) {
					rows.add(new Observed.Wal(row.path("lsn").asLong(), text(row, "opId"), text(row, "origin"),
							text(row, "source"), text(row, "key"), text(row, "value"), text(row, "dot"),
							text(row, "context"), text(row, "acceptedAt")));
				}
				after = row.path("lsn").asLong();
			}
		}
	}

	private Observed.State state(String url, String mode) {
		JsonNode state = Http.to(url).getJson("/api/" + mode + "/kv");
		return new Observed.State(entries(state), text(state, "digest"), text(state, "versionVector"),
				text(state, "conflictPolicy"));
	}

	private Map<String, List<String>> entries(JsonNode state) {
		Map<String, List<String>> entries = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : state.path("entries").properties()) {
			if (!ours(entry.getKey())) {
				continue;
			}
			List<String> values = new ArrayList<>();
			entry.getValue().values().forEach((v) -> values.add(v.isNull() ? null : v.asString()));
			values.removeIf(Objects::isNull);
			entries.put(entry.getKey(), values);
		}
		return entries;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

}
