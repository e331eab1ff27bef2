package io.replicationlab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checker's runs under {@code lab.check-dir} (one directory each, see
 * {@code ./mvnw -Pcheck verify}), for the dashboard's "Latest check" link: the newest run
 * that finished (its {@code results.json} written last) summed up, and two of its files.
 * Read only, and only those two names inside a run directory named plainly: nothing else
 * of the disk is reachable through here.
 */
final class CheckRuns {

	static final String RESULTS = "results.json";

	static final String TIMELINE = "timeline.html";

	private static final Pattern RUN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private final Path dir;

	private final JsonMapper json = JsonMapper.builder().build();

	CheckRuns(Path dir) {
		this.dir = dir;
	}

	/**
	 * The newest finished run, summed up; empty when there is none (or no check
	 * directory).
	 */
	Optional<Summary> latest() {
		if (!Files.isDirectory(this.dir)) {
			return Optional.empty();
		}
		Optional<Path> newest;
		try (Stream<Path> runs = Files.list(this.dir)) {
			newest = runs.filter((run) -> RUN.matcher(run.getFileName().toString()).matches())
				.filter((run) -> Files.isRegularFile(run.resolve(RESULTS)))
				.max(Comparator.comparing(CheckRuns::finishedAt));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return newest.map(this::summary);
	}

	/**
	 * {@code timeline.html} or {@code results.json} of a run, when both names are plain
	 * and the file exists.
	 */
	Optional<Path> file(String run, String name) {
		if (!RUN.matcher(run).matches() || !(RESULTS.equals(name) || TIMELINE.equals(name))) {
			return Optional.empty();
		}
		Path file = this.dir.resolve(run).resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	private Summary summary(Path run) {
		String name = run.getFileName().toString();
		JsonNode results;
		try {
			results = this.json.readTree(Files.readAllBytes(run.resolve(RESULTS)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			// a results.json being written right now: say what there is rather than fail
			// the dashboard
			results = this.json.createObjectNode();
		}
		Map<String, Integer> anomalies = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> mode : results.path("modes").properties()) {
			for (Map.Entry<String, JsonNode> anomaly : mode.getValue().path("anomalies").properties()) {
				int count = anomaly.getValue().path("count").asInt(0);
				if (count > 0) {
					anomalies.put(mode.getKey() + " " + anomaly.getKey(), count);
				}
			}
		}
		Map<String, String> modes = new LinkedHashMap<>();
		results.path("modes")
			.properties()
			.forEach((mode) -> modes.put(mode.getKey(), mode.getValue().path("valid").asString("unknown")));
		String timeline = Files.isRegularFile(run.resolve(TIMELINE)) ? "/api/lab/checks/" + name + "/" + TIMELINE
				: null;
		return new Summary(name, results.path("valid").asString("unknown"),
				results.path("seed").isNumber() ? results.path("seed").asLong() : null,
				results.path("startedAt").asString(null), finishedAt(run).toInstant().toString(),
				new Counts(results.path("operations").path("all").path("total").asInt(0), results.path("faults").size(),
						anomalies),
				modes, results.path("replay").asString(null),
				new Links(timeline, "/api/lab/checks/" + name + "/" + RESULTS));
	}

	private static FileTime finishedAt(Path run) {
		try {
			return Files.getLastModifiedTime(run.resolve(RESULTS));
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	/**
	 * What {@code GET /api/lab/checks/latest} answers: a run's verdict, what it did, and
	 * where its files are. Every key is written, {@code null} when the results lack it.
	 *
	 * @param valid the checker's verdict ({@code true}, {@code false}, {@code unknown})
	 * @param modes each mode's verdict
	 * @param replay the command that replays the run
	 */
	record Summary(String run, String valid, Long seed, String startedAt, String finishedAt, Counts counts,
			Map<String, String> modes, String replay, Links links) {
	}

	/**
	 * @param anomalies {@code "<mode> <anomaly>"}: how many, only those seen
	 */
	record Counts(int operations, int faults, Map<String, Integer> anomalies) {
	}

	/**
	 * @param timeline left out when the run wrote none
	 */
	record Links(@JsonInclude(JsonInclude.Include.NON_NULL) String timeline, String results) {
	}

}
