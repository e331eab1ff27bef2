package io.replicationlab.story;

import java.time.Instant;
import java.util.ArrayList;
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

	private final List<StepView> steps = new ArrayList<>();

	private String status = "running";

	private int currentStep = -1;

	private Instant finishedAt;

	private Report report;

	private String error;

	StoryRun(String id, Story story, Instant startedAt) {
		this.id = id;
		this.story = story;
		this.startedAt = startedAt;
		story.steps().forEach((step) -> this.steps.add(StepView.pending(step)));
	}

	/**
	 * What {@code GET /api/lab/stories/runs/{id}} answers: the run's progress, then its
	 * report. Every key is written, {@code null} when it has no value yet.
	 *
	 * @param currentStep the index of the step playing, {@code null} between steps and at
	 * the end
	 */
	record View(String id, String story, String title, List<String> modes, String status, Integer currentStep,
			String currentNarration, String startedAt, String finishedAt, String error, List<StepView> steps,
			Report report) {
	}

	String id() {
		return this.id;
	}

	Story story() {
		return this.story;
	}

	synchronized void stepStarted(int index) {
		this.currentStep = index;
		this.steps.set(index, this.steps.get(index).started(Instant.now().toString()));
	}

	/**
	 * @param status {@code done}, {@code failed} or {@code unsupported} (the lab lacks
	 * what the step needs)
	 */
	synchronized void stepEnded(int index, String status, String detail, long millis, Map<String, Object> result) {
		this.steps.set(index, this.steps.get(index).ended(status, detail, millis, result));
	}

	synchronized List<StepView> stepsView() {
		return List.copyOf(this.steps);
	}

	synchronized void finished(Report report) {
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

	synchronized String status() {
		return this.status;
	}

	synchronized Report report() {
		return this.report;
	}

	synchronized View view() {
		boolean playing = this.currentStep >= 0;
		return new View(this.id, this.story.name(), this.story.title(), this.story.modes(), this.status,
				playing ? this.currentStep : null,
				playing ? this.story.steps().get(this.currentStep).narration() : null, this.startedAt.toString(),
				(this.finishedAt != null) ? this.finishedAt.toString() : null, this.error, stepsView(), this.report);
	}

}
