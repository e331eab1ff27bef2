package io.replicationlab.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's files: {@code history.jsonl}, {@code history.edn} (Jepsen's history
 * format), {@code shiviz.log} (reconcile, ShiViz's format), {@code results.json} and a
 * self-contained {@code timeline.html}.
 */
final class Outputs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Outputs() {
	}

	static void write(Path dir, List<Event> history, Observed observed, Map<String, Object> results,
			List<Anomalies> anomalies, List<Nemesis.Applied> faults) throws IOException {
		Files.createDirectories(dir);
		StringBuilder jsonl = new StringBuilder();
		history.forEach((event) -> jsonl.append(JSON.writeValueAsString(event)).append('\n'));
		Files.writeString(dir.resolve("history.jsonl"), jsonl);
		Files.writeString(dir.resolve("history.edn"), edn(history));
		Files.writeString(dir.resolve("shiviz.log"), shiviz(observed));
		Files.writeString(dir.resolve("results.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
		Files.writeString(dir.resolve("timeline.html"), Timeline.html(history, anomalies, faults, results));
	}

	/**
	 * {@code {:type :invoke, :f :write, :value ..., :process 0, :time <nanos>, :index 0}}
	 * per line.
	 */
	static String edn(List<Event> history) {
		StringBuilder edn = new StringBuilder();
		for (Event event : history) {
			String type = switch (event.type()) {
				case "durable" -> "ok";
				default -> event.type();
			};
			edn.append("{:type :").append(type).append(", :f :").append(event.f()).append(", :value ");
			if (event.write()) {
				edn.append('[').append(ednString(event.key())).append(' ').append(ednString(event.value())).append(']');
			}
			else if (event.invoke() || event.values() == null) {
				edn.append('[').append(ednString(event.key())).append(" nil]");
			}
			else {
				edn.append('[').append(ednString(event.key())).append(" [");
				edn.append(String.join(" ", event.values().stream().map(Outputs::ednString).toList())).append("]]");
			}
			edn.append(", :process ")
				.append(event.process())
				.append(", :time ")
				.append(event.nanos())
				.append(", :index ")
				.append(event.index())
				.append(", :mode :")
				.append(event.mode())
				.append(", :node ")
				.append(ednString(event.replica()));
			if (event.opId() != null) {
				edn.append(", :op-id ").append(ednString(event.opId()));
			}
			if ("durable".equals(event.type())) {
				edn.append(", :durable true");
			}
			if (event.dot() != null) {
				edn.append(", :dot ").append(ednString(event.dot()));
			}
			if (event.error() != null) {
				edn.append(", :error ").append(ednString(event.error()));
			}
			edn.append("}\n");
		}
		return edn.toString();
	}

	private static String ednString(String text) {
		return (text == null) ? "nil" : '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	/**
	 * ShiViz: a first line with the regex, then per event a line with host and vector
	 * clock and a line with the description. Events are the reconcile WAL rows of every
	 * replica, in the order they were recorded; a row that came from a peer merges the
	 * clock the origin had when it recorded the op.
	 */
	static String shiviz(Observed observed) {
		record Row(String host, Observed.Wal wal) {
		}
		List<Row> rows = new ArrayList<>();
		observed.replicas().forEach((id, replica) -> {
			if (replica.mode("reconcile") != null) {
				replica.mode("reconcile").wal().forEach((wal) -> rows.add(new Row(id, wal)));
			}
		});
		// a replica's own WAL order is kept; across replicas, rows from peers come after
		// their origin's
		Map<String, Map<String, Long>> atOrigin = new HashMap<>();
		Map<String, Map<String, Long>> clocks = new TreeMap<>();
		Map<String, Integer> next = new HashMap<>();
		Map<String, List<Row>> byHost = new LinkedHashMap<>();
		rows.forEach((row) -> byHost.computeIfAbsent(row.host(), (h) -> new ArrayList<>()).add(row));
		StringBuilder log = new StringBuilder("(?<host>\\S+) (?<clock>\\{.*\\})\\n(?<event>.*)\n\n");
		Set<String> done = new HashSet<>();
		boolean progress = true;
		while (progress) {
			progress = false;
			for (Map.Entry<String, List<Row>> host : byHost.entrySet()) {
				List<Row> list = host.getValue();
				int i = next.getOrDefault(host.getKey(), 0);
				while (i < list.size()) {
					Row row = list.get(i);
					boolean fromPeer = !host.getKey().equals(row.wal().origin());
					if (fromPeer && !atOrigin.containsKey(row.wal().opId())) {
						break;
					}
					Map<String, Long> clock = clocks.computeIfAbsent(host.getKey(), (h) -> new TreeMap<>());
					if (fromPeer) {
						atOrigin.get(row.wal().opId()).forEach((h, c) -> clock.merge(h, c, Math::max));
					}
					clock.merge(host.getKey(), 1L, Long::sum);
					if (!fromPeer) {
						atOrigin.put(row.wal().opId(), new TreeMap<>(clock));
					}
					log.append(host.getKey())
						.append(' ')
						.append(JSON.writeValueAsString(clock))
						.append('\n')
						.append(fromPeer ? "received " : "write ")
						.append(row.wal().key())
						.append('=')
						.append(row.wal().value())
						.append(" dot ")
						.append(row.wal().dot())
						.append(" context [")
						.append(row.wal().context())
						.append("]\n");
					done.add(host.getKey() + row.wal().lsn());
					i++;
					progress = true;
				}
				next.put(host.getKey(), i);
			}
		}
		return log.toString();
	}

	static Comparator<Event> byTime() {
		return Comparator.comparingLong(Event::nanos);
	}

}
