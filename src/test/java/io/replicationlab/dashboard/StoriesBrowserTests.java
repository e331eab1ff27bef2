package io.replicationlab.dashboard;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Stories panel in Chromium against the real lab: pick <i>same writes, three modes</i>, run it, see a step's
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
		DashboardBrowser.requireInstalled();
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

}
