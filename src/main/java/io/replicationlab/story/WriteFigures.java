package io.replicationlab.story;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's figures on a story's writes in one mode: how they were answered under each
 * fault in force, their latency, and which acknowledged ones the replicas' applied logs
 * lack at the end.
 */
final class WriteFigures {

	private WriteFigures() {
	}

	/**
	 * @param applied per answering replica, the op ids its applied log holds for the
	 * story's keys
	 */
	static Report.Writes writes(List<WriteRecord> writes, String mode, Map<String, List<String>> applied) {
		Map<String, long[]> byFault = new LinkedHashMap<>();
		long lostOnPurpose = 0;
		for (WriteRecord write : writes) {
			if (!write.mode().equals(mode)) {
				continue;
			}
			String fault = write.faults().isEmpty() ? "no fault" : String.join(" + ", new TreeSet<>(write.faults()));
			long[] counts = byFault.computeIfAbsent(fault, (f) -> new long[3]);
			counts[(write.status() == 200) ? 0 : (write.status() == 202) ? 1 : 2]++;
			lostOnPurpose += write.lostAnswer() ? 1 : 0;
		}
		Map<String, Report.Writes.Answers> answers = new LinkedHashMap<>();
		byFault.forEach((fault, n) -> answers.put(fault, new Report.Writes.Answers(n[0], n[1], n[2])));
		Set<String> lost = lost(writes, mode, applied);
		return new Report.Writes(writes.stream().filter((w) -> w.mode().equals(mode)).count(), answers, lostOnPurpose,
				lost.size(), List.copyOf(lost));
	}

	/**
	 * The acknowledged (200, 202) writes the applied logs lack: in {@code local}, the
	 * replica that acknowledged it; in {@code total-order}, any answering replica; in
	 * {@code reconcile}, every one. Each named {@code opId} ({@code opId@replica} in
	 * {@code local}, where a retry elsewhere is another write). None when no replica
	 * answered: nothing can be said.
	 */
	static Set<String> lost(List<WriteRecord> writes, String mode, Map<String, List<String>> applied) {
		Set<String> lost = new LinkedHashSet<>();
		if (applied.isEmpty()) {
			return lost;
		}
		for (WriteRecord write : writes) {
			if (!write.mode().equals(mode) || (write.status() != 200 && write.status() != 202)) {
				continue;
			}
			String op = write.opId();
			boolean missing = switch (mode) {
				case "local" -> applied.containsKey(write.replica()) && !applied.get(write.replica()).contains(op);
				case "total-order" -> applied.values().stream().anyMatch((ops) -> !ops.contains(op));
				default -> applied.values().stream().noneMatch((ops) -> ops.contains(op));
			};
			if (missing) {
				lost.add(mode.equals("local") ? op + "@" + write.replica() : op);
			}
		}
		return lost;
	}

	static Report.Latency latency(List<WriteRecord> writes, String mode) {
		List<Long> millis = writes.stream()
			.filter((w) -> w.mode().equals(mode) && w.status() > 0)
			.map(WriteRecord::millis)
			.sorted()
			.toList();
		if (millis.isEmpty()) {
			return new Report.Latency(0, null, null, null);
		}
		return new Report.Latency(millis.size(), millis.get((millis.size() - 1) / 2),
				millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
	}

}
