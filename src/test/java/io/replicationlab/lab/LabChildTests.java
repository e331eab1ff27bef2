package io.replicationlab.lab;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A child of the lab ends by itself when its supervisor is gone, so that a crashed lab
 * leaves nothing behind.
 */
@Tag("lab")
class LabChildTests {

	@Test
	void aChildEndsWhenItsSupervisorIsGone() throws Exception {
		Process supervisor = new ProcessBuilder("sleep", "600").start();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		JavaLauncher launcher = new JavaLauncher(classpath, supervisor.pid());
		ProcessBuilder builder = new ProcessBuilder(
				launcher.command(List.of("-Xmx32m"), List.of(BlockForever.class.getName())))
			.inheritIO();
		launcher.configure(builder);
		Process child = builder.start();
		try {
			assertThat(child.waitFor(3, TimeUnit.SECONDS)).as("the child lives while its supervisor does").isFalse();
			supervisor.destroyForcibly();
			await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
			assertThat(child.exitValue()).isEqualTo(1);
		}
		finally {
			supervisor.destroyForcibly();
			child.destroyForcibly();
		}
	}

	static class BlockForever {

		public static void main(String[] args) throws InterruptedException {
			new CountDownLatch(1).await();
		}

	}

}
