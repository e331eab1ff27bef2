package io.replicationlab.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import io.replicationlab.story.StoryChecks;
import io.replicationlab.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lab panel's "Latest check" link, and the Stories panel in Chromium against the real
 * this.lab: every built-in story picked, run, a step's narration highlighted while it
 * plays, then the report with one column per mode, whose figures are the run's
 * report.json and agree with the cluster view and the verifier ({@link StoryChecks}). The
 * screenshot of the finished <i>same writes, three modes</i> report goes to
 * {@code target/stories-report.png}; {@code -Dstories.screenshot=docs/stories-report.png}
 * refreshes the README's.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoriesBrowserTests {

	static final Path SCREENSHOT = Path.of(System.getProperty("stories.screenshot", "target/stories-report.png"));

	private final LabFixture lab;

	private DashboardBrowser browser;

	StoriesBrowserTests(LabFixture lab) {
		this.lab = lab;
	}

	@BeforeAll
	void start(@TempDir Path profile) {
		DashboardBrowser.requireInstalled();
		this.browser = new DashboardBrowser(profile);
	}

	@AfterAll
	void stop() {
		if (browser != null) {
			this.browser.close();
		}
	}

	static List<String> builtIn() {
		return StoryChecks.builtIn();
	}

	/**
	 * Runs the story from the panel, waits for its report, checks that the table shows
	 * what the run's report.json says (final states, cluster view, verifier: per mode)
	 * and the report against the cluster ({@link StoryChecks}).
	 */
	@ParameterizedTest
	@MethodSource("builtIn")
	void runsTheStoryFromTheStoriesPanelAndItsReportAgreesWithTheCluster(String name) throws Exception {
		this.browser.driver.get(this.lab.url("r1") + "/");
		WebElement panel = this.browser.driver.findElement(By.id("stories-panel"));
		await().atMost(Duration.ofSeconds(30)).until(panel::isDisplayed);
		new Select(this.browser.driver.findElement(By.id("story-select"))).selectByValue(name);
		assertThat(this.browser.driver.findElement(By.id("story-description")).getText()).isNotBlank();
		this.browser.driver.findElement(By.id("story-run")).click();
		// while it plays, one step is highlighted with its narration
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> !this.browser.driver.findElements(By.cssSelector("#story-steps li.running")).isEmpty()
					|| !this.browser.driver.findElements(By.cssSelector("#story-report table")).isEmpty());
		await().atMost(Duration.ofMinutes(6))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> !this.browser.driver.findElements(By.cssSelector("#story-report table")).isEmpty());
		List<String> headers = this.browser.driver.findElements(By.cssSelector("#story-report table tr:first-child th"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(headers).containsExactly("", "local", "total-order", "reconcile");
		String shown = this.browser.driver.findElement(By.id("story-report")).getText();
		assertThat(shown).contains("Conclusion", "local: ", "total-order: ", "reconcile: ", "Order agreement");
		String json = this.browser.driver.findElement(By.cssSelector("#story-report a[href$='report.json']"))
			.getDomProperty("href");
		JsonNode report = Http.to(json).get("").json();
		assertThat(report.path("story").asString()).isEqualTo(name);
		assertThat(this.browser.driver.findElements(By.cssSelector("#story-steps li")))
			.hasSize(report.path("steps").size());
		assertThat(this.browser.driver.findElements(By.cssSelector("#story-steps li.done")))
			.hasSize((int) report.path("steps")
				.valueStream()
				.filter((step) -> step.path("status").asString().equals("done"))
				.count());
		List<String> modes = List.of("local", "total-order", "reconcile");
		for (int i = 0; i < modes.size(); i++) {
			JsonNode column = report.path("modes").path(modes.get(i));
			String finalStates = cell("Final states", i);
			assertThat(finalStates).as("%s %s", name, modes.get(i))
				.startsWith(column.path("finalStates").path("equal").asBoolean() ? "equal" : "differ");
			assertThat(cell("Cluster / verifier", i)).as("%s %s", name, modes.get(i))
				.isEqualTo("diverged: " + column.path("cluster").path("diverged").asBoolean() + ", verifier holds: "
						+ column.path("cluster").path("verifyHolds").asBoolean());
			assertThat(cell("Conclusion", i)).isEqualTo(column.path("conclusion").asString());
		}
		StoryChecks.check(this.lab, name, report);
		if (name.equals("same-writes-three-modes")) {
			assertThat(this.browser.driver.findElement(By.cssSelector("#story-report a[href$='report.html']")))
				.isNotNull();
			this.browser.script("document.getElementById('stories-panel').scrollIntoView()");
			this.browser.screenshot(SCREENSHOT);
		}
		assertThat(this.browser.severeConsoleMessages()).noneMatch((message) -> message.contains("stories.js"));
	}

	/**
	 * The report table's cell for a row (its first column's title) and a mode (0 local, 1
	 * total-order, 2 reconcile).
	 */
	private String cell(String row, int mode) {
		for (WebElement tr : this.browser.driver.findElements(By.cssSelector("#story-report table tr"))) {
			List<WebElement> cells = tr.findElements(By.cssSelector("th, td"));
			if (cells.get(0).getText().equals(row)) {
				return cells.get(1 + mode).getText();
			}
		}
		throw new AssertionError("no row " + row + " in the report table");
	}

	/**
	 * The lab serves the newest run under {@code this.lab.check-dir}
	 * ({@code target/check} by default, where the checker writes): a run written here
	 * last is the one the lab panel links, with its verdict and the anomalies it found.
	 */
	@Test
	void theLabPanelLinksTheLatestCheckWithItsVerdict() throws Exception {
		Path run = Files.createDirectories(Path.of("target/check").resolve("browser-" + System.nanoTime()));
		try {
			Files.writeString(run.resolve("timeline.html"),
					"<!doctype html><title>timeline</title><h1>timeline of " + run.getFileName() + "</h1>");
			Files.writeString(run.resolve("results.json"),
					"""
							{"run": "%s", "seed": 4242, "valid": "false",
							 "modes": {"local": {"valid": "false", "anomalies": {"lost": {"count": 3, "examples": []},
							                                                    "state-mismatch": {"count": 0, "examples": []}}}},
							 "faults": [{"kind": "kill"}, {"kind": "kill"}], "operations": {"all": {"total": 120}}}
							"""
						.formatted(run.getFileName()));
			JsonNode latest = this.lab.http("r2").get("/api/lab/checks/latest").json();
			assertThat(latest.path("run").asString()).isEqualTo(run.getFileName().toString());
			assertThat(latest.path("counts").path("anomalies").path("local lost").asInt()).isEqualTo(3);
			this.browser.severeConsoleMessages();
			this.browser.driver.get(this.lab.url("r1") + "/");
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				WebElement line = this.browser.driver.findElement(By.id("latest-check"));
				assertThat(line.isDisplayed()).isTrue();
				assertThat(line.getText()).contains("Latest check", run.getFileName().toString(), "invalid",
						"local lost 3", "seed 4242", "120 operations");
			});
			String href = this.browser.driver.findElement(By.id("latest-check-link")).getAttribute("href");
			assertThat(href).endsWith("/api/lab/checks/" + run.getFileName() + "/timeline.html");
			assertThat(Http.to(href).get("").body()).contains("timeline of " + run.getFileName());
			assertThat(this.lab.http("r1").get("/api/lab/checks/" + run.getFileName() + "/history.jsonl").status())
				.as("only the timeline and the results are served")
				.isEqualTo(404);
			assertThat(this.lab.http("r1").get("/api/lab/checks/..%2F..%2Fpom.xml/results.json").status()).isIn(400,
					404);
			assertThat(this.browser.severeConsoleMessages())
				.noneMatch((message) -> message.contains("/api/lab/checks") || message.contains("app.js"));
		}
		finally {
			try (java.util.stream.Stream<Path> files = Files.list(run)) {
				files.forEach((file) -> file.toFile().delete());
			}
			Files.deleteIfExists(run);
		}
	}

}
