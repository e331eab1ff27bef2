package io.replicationlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent between two readings, from {@code /proc}: the whole machine's busy time
 * (every process, the benchmark's own clients and the broker included), the replica JVMs'
 * own, the broker's and the benchmark's own JVM (its client threads and the lab's
 * supervisor). Divided by the writes of a phase it gives the CPU a write costs, a figure
 * that depends far less on what else the machine runs than a rate does; split by process
 * it says how much of a write's cost any change to the replicas can reach. Linux only; on
 * other systems every reading is 0.
 */
final class CpuMeter {

	/** Clock ticks per second of {@code /proc}'s counters (USER_HZ, 100 on Linux). */
	private static final double TICKS_PER_SECOND = 100.0;

	private final List<Long> replicaPids;

	/** The broker's pid, or -1 when unknown (a lab the benchmark did not start). */
	private final long brokerPid;

	CpuMeter(List<Long> replicaPids, long brokerPid) {
		this.replicaPids = replicaPids;
		this.brokerPid = brokerPid;
	}

	/**
	 * CPU seconds used so far: the machine's busy time, the replicas', the broker's (0
	 * when unknown) and the benchmark JVM's.
	 */
	record Reading(double machineSeconds, double replicaSeconds, double brokerSeconds, double benchmarkSeconds) {

		Reading since(Reading earlier) {
			return new Reading(this.machineSeconds - earlier.machineSeconds,
					this.replicaSeconds - earlier.replicaSeconds, this.brokerSeconds - earlier.brokerSeconds,
					this.benchmarkSeconds - earlier.benchmarkSeconds);
		}

	}

	Reading read() {
		double replicas = 0;
		for (long pid : this.replicaPids) {
			replicas += processSeconds(pid);
		}
		double broker = (this.brokerPid > 0) ? processSeconds(this.brokerPid) : 0;
		return new Reading(machineBusySeconds(), replicas, broker, processSeconds(ProcessHandle.current().pid()));
	}

	/** user + nice + system + irq + softirq + steal of the {@code cpu} line. */
	private static double machineBusySeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(fields[i]);
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** utime + stime of the process (fields 14 and 15 of its stat line). */
	private static double processSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
