package io.replicationlab.story;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stories of a lab: the built-in ones, the runs (one at a time: two stories would
 * fight over the same replicas), kept in memory for as long as the lab runs.
 */
public final class StoryService {

	/**
	 * The built-in stories, in the order the dashboard lists them; each is
	 * {@code stories/<name>.json}.
	 */
	static final List<String> BUILT_IN = List.of("same-writes-three-modes", "partition-and-heal", "broker-outage",
			"lost-answer-retried-elsewhere", "clock-skew-under-lww", "crash-after-ack", "crash-after-ack-pitfall");

	private final LabCalls calls;

	private final StoryParser parser;

	private final Map<String, Story> stories = new LinkedHashMap<>();

	private final Map<String, StoryRun> runs = new ConcurrentHashMap<>();

	private volatile StoryRun current;

	/**
	 * @param replicaUrls replica id -> base URL; @param labUrl where the lab controls
	 * answer
	 */
	public StoryService(Map<String, String> replicaUrls, String labUrl) {
		this.calls = new LabCalls(replicaUrls, labUrl);
		this.parser = new StoryParser(List.copyOf(replicaUrls.keySet()));
		for (String name : BUILT_IN) {
			this.stories.put(name, this.parser.parse(builtIn(name)));
		}
	}

	static String builtIn(String name) {
		try (InputStream in = StoryService.class.getResourceAsStream("stories/" + name + ".json")) {
			if (in == null) {
				throw new IllegalStateException("built-in story " + name + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A built-in story as {@code GET /api/lab/stories} lists it. */
	record Listed(String name, String title, String description, List<String> modes, int steps) {

	}

	List<Listed> list() {
		return this.stories.values()
			.stream()
			.map((story) -> new Listed(story.name(), story.title(), story.description(), story.modes(),
					story.steps().size()))
			.toList();
	}

	Optional<Story> story(String name) {
		return Optional.ofNullable(this.stories.get(name));
	}

	Story parse(String text) {
		return this.parser.parse(text);
	}

	Optional<StoryRun> run(String id) {
		return Optional.ofNullable(this.runs.get(id));
	}

	/** Starts a run in the background; empty when another run is still playing. */
	synchronized Optional<StoryRun> start(Story story) {
		if (this.current != null && this.current.running()) {
			return Optional.empty();
		}
		String id = UUID.randomUUID().toString().substring(0, 8);
		StoryRun run = new StoryRun(id, story, Instant.now());
		this.runs.put(id, run);
		this.current = run;
		Thread thread = new Thread(() -> {
			try {
				new StoryRunner(this.calls, run).run();
			}
			catch (RuntimeException ex) {
				run.failed(ex.toString());
			}
		}, "story-" + id);
		thread.setDaemon(true);
		thread.start();
		return Optional.of(run);
	}

	StoryRun current() {
		return this.current;
	}

}
