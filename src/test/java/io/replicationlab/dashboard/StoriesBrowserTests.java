package io.replicationlab.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.replicationlab.lab.LabFixture;
import io.replicationlab.lab.SharedLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lab panel's "Latest check" link, and the Stories panel in Chromium against the real lab: pick <i>same writes, three modes</i>, run it, see a step's
 * narration highlighted while it plays, then the report with one column per mode. The screenshot of the finished
 * report goes to {@code target/stories-report.png}; {@code -Dstories.screenshot=docs/stories-report.png} refreshes
 * the README's.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
class StoriesBrowserTests {

	static final Path SCREENSHOT = Path.of(System.getProperty("stories.screenshot", "target/stories-report.png"));

	static LabFixture lab;

	static DashboardBrowser browser;

	@BeforeAll
	static void start(LabFixture shared, @TempDir Path profile) {
		assumeTrue(Files.isExecutable(DashboardBrowser.CHROMIUM) && Files.isExecutable(DashboardBrowser.CHROMEDRIVER),
				"needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
		lab = shared;
		browser = new DashboardBrowser(profile);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void runsSameWritesThreeModesFromTheStoriesPanelAndShowsTheReport() {
		browser.driver.get(lab.url("r1") + "/");
		WebElement panel = browser.driver.findElement(By.id("stories-panel"));
		await().atMost(Duration.ofSeconds(30)).until(panel::isDisplayed);
		new Select(browser.driver.findElement(By.id("story-select"))).selectByValue("same-writes-three-modes");
		assertThat(browser.driver.findElement(By.id("story-description")).getText()).contains("local");
		browser.driver.findElement(By.id("story-run")).click();
		// while it plays, one step is highlighted with its narration
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
			.until(() -> !browser.driver.findElements(By.cssSelector("#story-steps li.running")).isEmpty()
					|| !browser.driver.findElements(By.cssSelector("#story-report table")).isEmpty());
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
			.until(() -> !browser.driver.findElements(By.cssSelector("#story-report table")).isEmpty());
		List<String> headers = browser.driver.findElements(By.cssSelector("#story-report table tr:first-child th"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(headers).containsExactly("", "local", "total-order", "reconcile");
		String report = browser.driver.findElement(By.id("story-report")).getText();
		assertThat(report).contains("Conclusion", "local: ", "total-order: ", "reconcile: ", "Order agreement");
		assertThat(browser.driver.findElements(By.cssSelector("#story-steps li.done"))).hasSize(4);
		assertThat(browser.driver.findElement(By.cssSelector("#story-report a[href$='report.html']"))).isNotNull();
		browser.script("document.getElementById('stories-panel').scrollIntoView()");
		browser.screenshot(SCREENSHOT);
		assertThat(browser.severeConsoleMessages()).noneMatch((message) -> message.contains("stories.js"));
	}

	/**
	 * The lab serves the newest run under {@code lab.check-dir} ({@code target/check} by default, where the checker
	 * writes): a run written here last is the one the lab panel links, with its verdict and the anomalies it found.
	 */
	@Test
	void theLabPanelLinksTheLatestCheckWithItsVerdict() throws Exception {
		Path run = Files.createDirectories(Path.of("target/check").resolve("browser-" + System.nanoTime()));
		try {
			Files.writeString(run.resolve("timeline.html"),
					"<!doctype html><title>timeline</title><h1>timeline of " + run.getFileName() + "</h1>");
			Files.writeString(run.resolve("results.json"), """
					{"run": "%s", "seed": 4242, "valid": "false",
					 "modes": {"local": {"valid": "false", "anomalies": {"lost": {"count": 3, "examples": []},
					                                                    "state-mismatch": {"count": 0, "examples": []}}}},
					 "faults": [{"kind": "kill"}, {"kind": "kill"}], "operations": {"all": {"total": 120}}}
					""".formatted(run.getFileName()));
			JsonNode latest = LabFixture.json(LabFixture.get(lab.url("r2") + "/api/lab/checks/latest"));
			assertThat(latest.path("run").asString()).isEqualTo(run.getFileName().toString());
			assertThat(latest.path("counts").path("anomalies").path("local lost").asInt()).isEqualTo(3);
			browser.severeConsoleMessages();
			browser.driver.get(lab.url("r1") + "/");
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				WebElement line = browser.driver.findElement(By.id("latest-check"));
				assertThat(line.isDisplayed()).isTrue();
				assertThat(line.getText()).contains("Latest check", run.getFileName().toString(), "invalid", "local lost 3",
						"seed 4242", "120 operations");
			});
			String href = browser.driver.findElement(By.id("latest-check-link")).getAttribute("href");
			assertThat(href).endsWith("/api/lab/checks/" + run.getFileName() + "/timeline.html");
			assertThat(LabFixture.get(href).body()).contains("timeline of " + run.getFileName());
			assertThat(LabFixture.get(lab.url("r1") + "/api/lab/checks/" + run.getFileName() + "/history.jsonl")
				.statusCode()).as("only the timeline and the results are served").isEqualTo(404);
			assertThat(LabFixture.get(lab.url("r1") + "/api/lab/checks/..%2F..%2Fpom.xml/results.json").statusCode())
				.isIn(400, 404);
			assertThat(browser.severeConsoleMessages()).noneMatch((message) -> message.contains("/api/lab/checks")
					|| message.contains("app.js"));
		}
		finally {
			try (java.util.stream.Stream<Path> files = Files.list(run)) {
				files.forEach((file) -> file.toFile().delete());
			}
			Files.deleteIfExists(run);
		}
	}

}
