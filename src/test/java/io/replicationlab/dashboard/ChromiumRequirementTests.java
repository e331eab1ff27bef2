package io.replicationlab.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the browser tests do without Chromium: skip where a developer may not have it,
 * fail on CI, where skipping would let a build pass that never opened the page.
 */
class ChromiumRequirementTests {

	@TempDir
	Path temp;

	@Test
	void withoutChromiumOnCiTheBrowserTestsFail() throws IOException {
		Path driver = executable("chromedriver");
		Path missing = this.temp.resolve("chromium");

		assertThatThrownBy(() -> DashboardBrowser.requireInstalled("true", missing, driver))
			.isExactlyInstanceOf(AssertionError.class)
			.hasMessageContaining(missing.toString())
			.hasMessageContaining("CI=true");
	}

	@Test
	void withoutChromedriverOnCiTheBrowserTestsFail() throws IOException {
		Path chromium = executable("chromium");
		Path missing = this.temp.resolve("chromedriver");

		assertThatThrownBy(() -> DashboardBrowser.requireInstalled("true", chromium, missing))
			.isExactlyInstanceOf(AssertionError.class)
			.hasMessageContaining(missing.toString());
	}

	@Test
	void withoutChromiumElsewhereTheBrowserTestsAreSkippedWithTheReason() throws IOException {
		Path driver = executable("chromedriver");
		Path missing = this.temp.resolve("chromium");

		for (String ci : new String[] { null, "", "false" }) {
			assertThatThrownBy(() -> DashboardBrowser.requireInstalled(ci, missing, driver))
				.isInstanceOf(TestAbortedException.class)
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("apt-get install chromium chromium-driver");
		}
	}

	@Test
	void aFileThatCannotRunIsNoChromium() throws IOException {
		Path driver = executable("chromedriver");
		Path notExecutable = Files.writeString(this.temp.resolve("chromium"), "#!/bin/sh\n");

		assertThatThrownBy(() -> DashboardBrowser.requireInstalled("true", notExecutable, driver))
			.isExactlyInstanceOf(AssertionError.class);
	}

	@Test
	void withBothInstalledTheBrowserTestsRunOnCi() throws IOException {
		Path chromium = executable("chromium");
		Path driver = executable("chromedriver");

		assertThatCode(() -> DashboardBrowser.requireInstalled("true", chromium, driver)).doesNotThrowAnyException();
		assertThatCode(() -> DashboardBrowser.requireInstalled(null, chromium, driver)).doesNotThrowAnyException();
	}

	private Path executable(String name) throws IOException {
		Path file = Files.writeString(this.temp.resolve(name), "#!/bin/sh\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

}
