package io.replicationlab.story;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The steps of a story that change the lab rather than the data: partitions and heals,
 * Kafka cuts, kills and restarts, pauses, the broker, clock offsets and pitfalls; and the
 * faults they leave in force, which each write is filed under in the report. A control
 * the lab lacks (404 or 405) makes the step {@code unsupported}, not failed.
 */
final class LabSteps {

	/**
	 * How a step ended: {@code done}, {@code unsupported} or {@code failed}, and a line
	 * saying what happened.
	 */
	record Outcome(String status, String detail) {

		static Outcome done(String detail) {
			return new Outcome("done", detail);
		}

		static Outcome failed(String detail) {
			return new Outcome("failed", detail);
		}

		boolean isDone() {
			return this.status.equals("done");
		}

	}

	/** How a pitfall switched on by a step is named among the faults in force. */
	private static final String PITFALL_FAULT = "pitfall ";

	private final LabCalls calls;

	private final Set<String> faults = Collections.synchronizedSet(new TreeSet<>());

	LabSteps(LabCalls calls) {
		this.calls = calls;
	}

	/**
	 * The faults in force now ({@code partition}, {@code broker stopped},
	 * {@code r2 down}...).
	 */
	Set<String> inForce() {
		synchronized (this.faults) {
			return Set.copyOf(this.faults);
		}
	}

	/**
	 * A story leaves no pitfall behind: whatever it switched on and did not switch off
	 * (it failed half-way, or its author forgot) is switched off once it ends, so that
	 * the lab is sound again for the next story or check.
	 */
	void switchOffPitfalls() {
		for (String fault : inForce()) {
			if (fault.startsWith(PITFALL_FAULT)) {
				String pitfall = fault.substring(PITFALL_FAULT.length());
				this.calls.lab("PUT", "/api/lab/pitfalls/" + pitfall, "{\"enabled\":false}");
				this.faults.remove(fault);
			}
		}
	}

	Outcome play(Story.Step step) {
		switch (step.action()) {
			case PARTITION: {
				return partition("POST", new Partition(step.groups(), step.kafka()), "partition",
						"cut into " + step.groups());
			}
			case KAFKA_CUT: {
				List<String> reach = new ArrayList<>(this.calls.replicaIds());
				reach.removeAll(step.replicas());
				return partition("POST", new Partition(List.of(this.calls.replicaIds()), reach), "kafka-cut",
						step.replicas() + " cut off from Kafka");
			}
			case HEAL:
				return partition("DELETE", null, null, "healed");
			case KILL:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/kill", null, step.replica() + " down",
						null);
			case RESTART: {
				Outcome started = lab("POST", "/api/lab/replicas/" + step.replica() + "/start", null, null,
						step.replica() + " down");
				if (!started.isDone()) {
					return started;
				}
				boolean up = until(step.duration(),
						() -> this.calls.replica(step.replica(), "GET", "/actuator/health/readiness", null)
							.status() == 200);
				return up ? Outcome.done(step.replica() + " is back and ready")
						: Outcome.failed(step.replica() + " not ready after " + step.duration().toSeconds() + " s");
			}
			case PAUSE:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/pause", null, step.replica() + " paused",
						null);
			case RESUME:
				return lab("POST", "/api/lab/replicas/" + step.replica() + "/resume", null, null,
						step.replica() + " paused");
			case BROKER_STOP:
				return lab("POST", "/api/lab/kafka/stop", null, "broker stopped", null);
			case BROKER_START: {
				Outcome started = lab("POST", "/api/lab/kafka/start", null, null, "broker stopped");
				if (!started.isDone()) {
					return started;
				}
				boolean up = until(step.duration(), this::brokerRunning);
				return up ? Outcome.done("broker running")
						: Outcome.failed("broker not running after " + step.duration());
			}
			case CLOCK_SKEW: {
				String fault = step.replica() + " clock " + step.duration();
				this.faults.removeIf((f) -> f.startsWith(step.replica() + " clock "));
				return lab("PUT", "/api/lab/replicas/" + step.replica() + "/clock-offset",
						"{\"offsetMillis\":" + step.duration().toMillis() + "}",
						step.duration().isZero() ? null : fault, null);
			}
			case PITFALL:
				return lab("PUT", "/api/lab/pitfalls/" + step.pitfall(), "{\"enabled\":" + step.enabled() + "}",
						step.enabled() ? PITFALL_FAULT + step.pitfall() : null,
						step.enabled() ? null : PITFALL_FAULT + step.pitfall());
			default:
				throw new IllegalStateException("not a lab step: " + step.action());
		}
	}

	private boolean brokerRunning() {
		LabCalls.Answer lab = this.calls.lab("GET", "/api/lab", null);
		for (JsonNode process : lab.json().path("processes")) {
			if (process.path("kind").asString("").equals("kafka")) {
				return process.path("state").asString("").equals("running");
			}
		}
		return false;
	}

	/**
	 * The body of {@code POST /api/cluster/partition}.
	 *
	 * @param kafka the replicas that still reach Kafka, left out when every one does
	 */
	record Partition(List<List<String>> groups, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> kafka) {
	}

	/** A partition call through the first replica that answers it. */
	private Outcome partition(String method, Partition body, String fault, String detail) {
		String text = (body != null) ? LabCalls.JSON.writeValueAsString(body) : null;
		LabCalls.Answer last = null;
		for (String id : this.calls.replicaIds()) {
			last = this.calls.replica(id, method, "/api/cluster/partition", text);
			if (last.ok()) {
				if (fault != null) {
					this.faults.add(fault);
				}
				else {
					this.faults.remove("partition");
					this.faults.remove("kafka-cut");
				}
				return Outcome.done(detail + " (through " + id + ")");
			}
			if (last.status() >= 400 && last.status() < 500) {
				break;
			}
		}
		return Outcome.failed("the partition call was refused: " + last.status() + " " + last.body());
	}

	/** A lab control; a 404 or 405 means the lab lacks it: the step is unsupported. */
	private Outcome lab(String method, String path, String body, String addFault, String removeFault) {
		LabCalls.Answer answer = this.calls.lab(method, path, body);
		if (answer.ok()) {
			if (addFault != null) {
				this.faults.add(addFault);
			}
			if (removeFault != null) {
				this.faults.remove(removeFault);
			}
			return Outcome.done(method + " " + path + " -> " + answer.status());
		}
		if (answer.status() == 404 || answer.status() == 405) {
			return new Outcome("unsupported", "this lab lacks " + method + " " + path + " (" + answer.status()
					+ "): the step was skipped, and the story's figures are without it");
		}
		return Outcome.failed(method + " " + path + " -> " + answer.status() + " " + answer.body());
	}

	/** Whether the condition came true before the timeout, asked every 250 ms. */
	static boolean until(Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (condition.getAsBoolean()) {
				return true;
			}
			if (System.nanoTime() > deadline) {
				return false;
			}
			sleep(250);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("story interrupted");
		}
	}

}
