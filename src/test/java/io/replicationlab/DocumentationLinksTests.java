package io.replicationlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs a newcomer reads: every relative link in README.md, RELIABILITY.md,
 * BENCHMARKS.md and docs/*.md names a file of the repository and, with a
 * {@code #fragment}, a heading of that file (GitHub's anchors); the README stays short
 * enough to read in ten minutes.
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6} (.*)$");

	@Test
	void everyRelativeLinkNamesAFileAndAHeadingThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		Map<Path, Set<String>> anchors = new HashMap<>();
		for (Path doc : documents()) {
			boolean fenced = false;
			for (String line : Files.readAllLines(doc)) {
				if (line.startsWith("```")) {
					fenced = !fenced;
				}
				if (fenced) {
					continue;
				}
				Matcher link = LINK.matcher(line);
				while (link.find()) {
					String target = link.group(1);
					if (target.matches("^[a-z]+:.*")) {
						continue;
					}
					int hash = target.indexOf('#');
					String file = (hash < 0) ? target : target.substring(0, hash);
					Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
					if (!Files.exists(resolved)) {
						broken.add(doc + ": " + target + " (no such file)");
					}
					else if (hash >= 0 && resolved.toString().endsWith(".md")
							&& !anchors.computeIfAbsent(resolved, DocumentationLinksTests::anchorsOf)
								.contains(target.substring(hash + 1))) {
						broken.add(doc + ": " + target + " (no such heading)");
					}
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void theReadmeIsShortAndPointsIntoTheDocs() throws IOException {
		List<String> readme = Files.readAllLines(Path.of("README.md"));
		assertThat(readme).hasSizeLessThanOrEqualTo(250);
		String text = String.join("\n", readme);
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md"))
				.forEach((path) -> assertThat(text).as("README links " + path)
					.contains("(" + path.toString().replace('\\', '/') + ")"));
		}
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>(
				List.of(Path.of("README.md"), Path.of("RELIABILITY.md"), Path.of("BENCHMARKS.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	/**
	 * GitHub's anchors: lower case, punctuation dropped, spaces as hyphens, repeats
	 * numbered.
	 */
	private static Set<String> anchorsOf(Path markdown) {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		boolean fenced = false;
		try {
			for (String line : Files.readAllLines(markdown)) {
				if (line.startsWith("```")) {
					fenced = !fenced;
				}
				Matcher heading = HEADING.matcher(line);
				if (!fenced && heading.matches()) {
					String slug = heading.group(1)
						.strip()
						.toLowerCase()
						.replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
						.replace(' ', '-');
					int times = seen.merge(slug, 1, Integer::sum);
					anchors.add((times == 1) ? slug : slug + "-" + (times - 1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return anchors;
	}

}
