package io.replicationlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.replicationlab.testing.Http;
import tools.jackson.databind.JsonNode;

/**
 * What the benchmark reads from the replicas over HTTP ({@link Http}): their summaries,
 * applied logs, WAL pages, metrics and resident size.
 */
final class LabClient {

	JsonNode get(String url, String path) {
		return Http.to(url).getJson(path);
	}

	JsonNode replica(String url) {
		return get(url, "/api/replica");
	}

	/**
	 * The Kafka broker's pid as the lab's supervisor reports it (a replica forwards
	 * {@code GET /api/lab}); -1 when it does not say (a lab not run by the supervisor).
	 */
	long brokerPid(String url) {
		try {
			for (JsonNode process : get(url, "/api/lab").path("processes").values()) {
				if ("kafka".equals(process.path("kind").asString()) && process.path("pid").isNumber()) {
					return process.path("pid").asLong();
				}
			}
		}
		catch (RuntimeException ex) {
			// not a lab's replica: the broker's share stays unknown
		}
		return -1;
	}

	/** The mode's applied-log position (its last position) on the replica. */
	long appliedPosition(String url, String mode) {
		return replica(url).get("modes").get(mode).get("applied").asLong();
	}

	/**
	 * Reads the mode's applied log after {@code after}, handing each row to the consumer.
	 */
	void appliedLog(String url, String mode, long after, Consumer<JsonNode> each) {
		Http.to(url).appliedLog(mode, after).forEach(each);
	}

	/**
	 * When each op of the mode's applied log after {@code after} was applied on this
	 * replica.
	 */
	Map<UUID, Instant> appliedAt(String url, String mode, long after) {
		Map<UUID, Instant> appliedAt = new HashMap<>();
		appliedLog(url, mode, after, (row) -> appliedAt.putIfAbsent(UUID.fromString(row.get("opId").asString()),
				Instant.parse(row.get("appliedAt").asString())));
		return appliedAt;
	}

	/** The WAL rows of the mode, in local order. */
	void wal(String url, String mode, Consumer<JsonNode> each) {
		long after = 0;
		while (true) {
			JsonNode page = get(url, "/api/replica/wal?mode=" + mode + "&limit=1000&after=" + after);
			if (page.isEmpty()) {
				return;
			}
			for (JsonNode row : page.values()) {
				each.accept(row);
				after = row.get("lsn").asLong();
			}
		}
	}

	/**
	 * {@code shipped} counters of the reconcile mode: ops and bytes, summed over peers.
	 */
	long[] shipped(String url) {
		JsonNode shipped = replica(url).path("modes").path("reconcile").path("shipped");
		long ops = 0;
		long bytes = 0;
		for (JsonNode peer : shipped.values()) {
			ops += peer.path("ops").asLong();
			bytes += peer.path("bytes").asLong();
		}
		return new long[] { ops, bytes };
	}

	/**
	 * The sum of a Prometheus sample over its label sets (e.g.
	 * {@code replication_group_commit_units_count}); 0 when absent.
	 */
	double metric(String url, String name) {
		double sum = 0;
		for (String line : Http.to(url).get("/actuator/prometheus").body().split("\n")) {
			if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	/**
	 * Heap in use, bytes: {@code jvm_memory_used_bytes{area="heap"}} summed over the
	 * pools.
	 */
	long heapUsed(String url) {
		double sum = 0;
		for (String line : Http.to(url).get("/actuator/prometheus").body().split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return (long) sum;
	}

	/**
	 * Writes the class histogram of a process of this machine to {@code file} with the
	 * {@code jcmd} of the JDK that runs the benchmark and returns its total: the bytes of
	 * the objects still reachable ({@code GC.class_histogram} runs a full GC first, so
	 * nothing in it is garbage); -1 when it could not (not this machine's process, no
	 * {@code jcmd}).
	 */
	long liveBytes(long pid, Path file) {
		Path jcmd = ProcessHandle.current()
			.info()
			.command()
			.map((java) -> Path.of(java).resolveSibling("jcmd"))
			.orElse(Path.of("jcmd"));
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
				.redirectErrorStream(true)
				.redirectOutput(file.toFile())
				.start();
			if (process.waitFor() != 0) {
				return -1;
			}
			// the last line: "Total <instances> <bytes>"
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.startsWith("Total"))
				.mapToLong((line) -> Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Resident set size of a process of this machine, bytes ({@code VmRSS}); -1 when
	 * unknown.
	 */
	static long residentBytes(long pid) {
		try {
			List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
			for (String line : status) {
				if (line.startsWith("VmRSS:")) {
					return 1024 * Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or not this machine's process
		}
		return -1;
	}

}
