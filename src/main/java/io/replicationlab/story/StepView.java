package io.replicationlab.story;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of a run as the run's view and its report show it: what the story says of it,
 * then, once it started and ended, when, how it went and what it measured (left out until
 * then).
 *
 * @param action the action's JSON name
 * @param status {@code pending}, {@code running}, {@code done}, {@code failed} or
 * {@code unsupported} (the lab lacks what the step needs)
 * @param result what the step measured, left out when nothing: its keys depend on the
 * action (a write's statuses per mode, a read's values per mode, a settle's time), so it
 * stays an open map
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StepView(int index, String name, String action, String narration, String status, String startedAt, String detail,
		Long millis, Map<String, Object> result) {

	static StepView pending(Story.Step step) {
		return new StepView(step.index(), step.name(), step.action().json, step.narration(), "pending", null, null,
				null, null);
	}

	StepView started(String startedAt) {
		return new StepView(this.index, this.name, this.action, this.narration, "running", startedAt, null, null, null);
	}

	StepView ended(String status, String detail, long millis, Map<String, Object> result) {
		return new StepView(this.index, this.name, this.action, this.narration, status, this.startedAt, detail, millis,
				(result != null && !result.isEmpty()) ? Collections.unmodifiableMap(new LinkedHashMap<>(result))
						: null);
	}

	boolean done() {
		return this.status.equals("done");
	}

}
