package io.replicationlab.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a story and its progress: which step is playing, each step's narration and
 * result, then the report. Written by the runner's thread, read by the HTTP threads:
 * every access is synchronized.
 */
final class StoryRun {

	private final String id;

	private final Story story;

	private final Instant startedAt;

	private final List<Map<String, Object>> steps = new ArrayList<>();

	private String status = "running";

	private int currentStep = -1;

	private Instant finishedAt;

	private Map<String, Object> report;

	private String error;

	StoryRun(String id, Story story, Instant startedAt) {
		this.id = id;
		this.story = story;
		this.startedAt = startedAt;
		for (Story.Step step : story.steps()) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("index", step.index());
			view.put("name", step.name());
			view.put("action", step.action().json);
			view.put("narration", step.narration());
			view.put("status", "pending");
			this.steps.add(view);
		}
	}

	String id() {
		return this.id;
	}

	Story story() {
		return this.story;
	}

	synchronized void stepStarted(int index) {
		this.currentStep = index;
		this.steps.get(index).put("status", "running");
		this.steps.get(index).put("startedAt", Instant.now().toString());
	}

	/**
	 * @param status {@code done}, {@code failed} or {@code unsupported} (the lab lacks
	 * what the step needs)
	 */
	synchronized void stepEnded(int index, String status, String detail, long millis, Map<String, Object> result) {
		Map<String, Object> step = this.steps.get(index);
		step.put("status", status);
		step.put("detail", detail);
		step.put("millis", millis);
		if (result != null && !result.isEmpty()) {
			step.put("result", result);
		}
	}

	synchronized List<Map<String, Object>> stepsView() {
		List<Map<String, Object>> copy = new ArrayList<>();
		this.steps.forEach((step) -> copy.add(new LinkedHashMap<>(step)));
		return copy;
	}

	synchronized void finished(Map<String, Object> report) {
		this.report = report;
		this.status = "finished";
		this.currentStep = -1;
		this.finishedAt = Instant.now();
	}

	synchronized void failed(String error) {
		this.error = error;
		this.status = "failed";
		this.finishedAt = Instant.now();
	}

	synchronized boolean running() {
		return this.status.equals("running");
	}

	synchronized Map<String, Object> report() {
		return this.report;
	}

	synchronized Map<String, Object> view() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", this.id);
		view.put("story", this.story.name());
		view.put("title", this.story.title());
		view.put("modes", this.story.modes());
		view.put("status", this.status);
		view.put("currentStep", (this.currentStep >= 0) ? this.currentStep : null);
		view.put("currentNarration",
				(this.currentStep >= 0) ? this.story.steps().get(this.currentStep).narration() : null);
		view.put("startedAt", this.startedAt.toString());
		view.put("finishedAt", (this.finishedAt != null) ? this.finishedAt.toString() : null);
		view.put("error", this.error);
		view.put("steps", stepsView());
		view.put("report", this.report);
		return view;
	}

}
