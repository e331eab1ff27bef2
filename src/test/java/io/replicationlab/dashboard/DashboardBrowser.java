package io.replicationlab.dashboard;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven by Debian's chromedriver, both by explicit path. Because the
 * service names the driver executable, Selenium's {@code DriverFinder} skips Selenium
 * Manager ("path to chromedriver specified in Service class"): nothing is downloaded,
 * nothing is looked up on the network.
 */
final class DashboardBrowser implements AutoCloseable {

	/**
	 * Debian's Chromium; {@code -Ddashboard.chromium=} names another (or a missing one,
	 * to see the tests refuse).
	 */
	static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));

	private final Path profile;

	private final ChromeDriverService service;

	final ChromeDriver driver;

	/**
	 * @param arguments more Chromium switches (a proxy, say)
	 */
	DashboardBrowser(Path profile, String... arguments) {
		this.profile = profile;
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1500,1400", "--user-data-dir=" + profile.toAbsolutePath());
		options.addArguments(arguments);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		this.driver = new ChromeDriver(this.service, options);
	}

	/**
	 * Returns when Chromium and chromedriver are installed. Otherwise skips the calling
	 * test class with how to install them, or, when the environment variable {@code CI}
	 * is {@code true}, fails it: a build that skipped every browser test never looked at
	 * the page, and must not pass for one that did.
	 */
	static void requireInstalled() {
		requireInstalled(System.getenv("CI"), CHROMIUM, CHROMEDRIVER);
	}

	static void requireInstalled(String ci, Path chromium, Path chromedriver) {
		List<Path> missing = Stream.of(chromium, chromedriver).filter((path) -> !Files.isExecutable(path)).toList();
		if (missing.isEmpty()) {
			return;
		}
		String message = "Chromium is not installed (" + missing
				+ " missing): apt-get install chromium chromium-driver " + "(.ci/run does)";
		if ("true".equalsIgnoreCase(ci)) {
			throw new AssertionError(message + ". CI=true: the browser tests fail rather than skip");
		}
		// surefire counts a class aborted in @BeforeAll as "Tests run: 0" and drops the
		// reason: say it on the console too
		System.out.println("[browser] " + message + ". Browser tests skipped (with CI=true they fail instead)");
		Assumptions.abort(message + ". Browser tests skipped (with CI=true they fail instead)");
	}

	/**
	 * The console messages at SEVERE since the last call (JavaScript errors, failed
	 * requests, console.error).
	 */
	List<String> severeConsoleMessages() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	Object script(String script, Object... arguments) {
		return this.driver.executeScript(script, arguments);
	}

	void screenshot(Path target) {
		File shot = this.driver.getScreenshotAs(OutputType.FILE);
		try {
			Files.createDirectories(target.toAbsolutePath().getParent());
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
		}
	}

}
