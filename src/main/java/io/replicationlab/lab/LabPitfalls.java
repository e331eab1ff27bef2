package io.replicationlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.replicationlab.replica.Pitfall;

/**
 * The supervisor's side of {@code PUT /api/lab/pitfalls/{name}}: a running replica is
 * told at once (its {@code /internal/pitfalls/{name}}); every replica remembers what was
 * last switched for it ({@link ReplicaProcess#pitfall}), which is what it starts with
 * again after a kill. A stopped replica takes the switch when it starts. A replica that
 * does not take it (paused, not answering) keeps what it had, and the answer is a 409
 * naming it, after the others took it.
 */
final class LabPitfalls {

	private final InternalControls controls;

	private final Consumer<String> say;

	LabPitfalls(InternalControls controls, Consumer<String> say) {
		this.controls = controls;
		this.say = say;
	}

	/**
	 * What {@code PUT /api/lab/pitfalls/{name}} answers.
	 *
	 * @param replicas per replica switched: {@code on}, {@code off}, or that a stopped
	 * one takes it when it starts
	 */
	record Switched(String pitfall, boolean enabled, Map<String, String> replicas) {
	}

	Switched set(String name, boolean enabled, List<ReplicaProcess> targets) {
		if (Pitfall.named(name).isEmpty()) {
			throw new LabRefusal(400, "unknown-pitfall", "Unknown pitfall",
					"No pitfall is named '" + name + "'; the pitfalls are "
							+ Arrays.stream(Pitfall.values()).map(Pitfall::toString).collect(Collectors.joining(", ")));
		}
		Map<String, String> replicas = new LinkedHashMap<>();
		List<String> refused = new ArrayList<>();
		for (ReplicaProcess target : targets) {
			if (ProcessView.STOPPED.equals(target.state())) {
				target.pitfall(name, enabled);
				replicas.put(target.id(), "stopped: takes it when it starts again");
				continue;
			}
			try {
				this.controls.setPitfall(target.id(), name, enabled);
				target.pitfall(name, enabled);
				replicas.put(target.id(), enabled ? "on" : "off");
			}
			catch (LabRefusal refusal) {
				refused.add(target.id());
				replicas.put(target.id(), "unchanged: " + refusal.getMessage());
			}
		}
		this.say.accept("pitfall " + name + (enabled ? " ON" : " off") + ": " + replicas);
		if (!refused.isEmpty()) {
			throw new LabRefusal(409, "lab-pitfall", "Pitfall switch refused",
					refused + " did not take " + name + "=" + enabled + ": " + replicas);
		}
		return new Switched(name, enabled, replicas);
	}

}
