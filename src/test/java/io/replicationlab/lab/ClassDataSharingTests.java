package io.replicationlab.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTests {

	@TempDir
	Path temp;

	@Test
	void theChildrenRunFromJarsOfTheClasspathsDirectoriesWithTheirDirectoryEntries() throws Exception {
		Path classes = this.temp.resolve("build/classes");
		Files.createDirectories(classes.resolve("db/migration"));
		Files.writeString(classes.resolve("db/migration/V1__a.sql"), "create table a (id int);");
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), classes.toString(), (message) -> {
		});
		assertThat(sharing.classpath()).endsWith(".jar").doesNotContain(File.pathSeparator);
		try (JarFile jar = new JarFile(sharing.classpath())) {
			assertThat(jar.getEntry("db/migration/")).isNotNull();
			assertThat(jar.getEntry("db/migration/V1__a.sql")).isNotNull();
		}
		ClassDataSharing again = ClassDataSharing.prepare(this.temp.resolve("cds"), classes.toString(), (message) -> {
		});
		assertThat(again.classpath()).isEqualTo(sharing.classpath());
		Files.writeString(classes.resolve("db/migration/V2__b.sql"), "create table b (id int);");
		ClassDataSharing rebuilt = ClassDataSharing.prepare(this.temp.resolve("cds"), classes.toString(), (message) -> {
		});
		assertThat(rebuilt.classpath()).isNotEqualTo(sharing.classpath());
	}

	@Test
	void oneChildOfAKindDumpsTheArchiveTheOthersStartWithout() throws Exception {
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), "", (message) -> {
		});
		List<String> first = sharing.options("replica", List.of("-Xmx64m"));
		assertThat(first).anyMatch((option) -> option.startsWith("-XX:ArchiveClassesAtExit="));
		assertThat(ClassDataSharing.dumps(first)).isTrue();
		assertThat(sharing.options("replica", List.of("-Xmx64m"))).isEmpty();
		assertThat(sharing.options("kafka", List.of("-Xmx64m"))).anyMatch((option) -> option.startsWith("-XX:Archive"));
	}

	@Test
	void aTruncatedArchiveIsNeverPublishedSinceJava17CrashesOnIt() throws Exception {
		List<String> messages = new ArrayList<>();
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), "", messages::add);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> options = sharing.options("replica", List.of("-Xmx64m"));
		Path temporary = Path.of(options.get(0).substring("-XX:ArchiveClassesAtExit=".length()));
		// the start of a real archive's header would be as bad: the JVM cannot map either
		Files.write(temporary, new byte[4096]);
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(options);
		command.addAll(List.of("-Xmx64m", "-D" + LabChild.PARENT_PID + "=1", "Main"));
		sharing.exited(command);
		try (var files = Files.list(this.temp.resolve("cds"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).as("neither published nor left behind")
				.noneMatch((name) -> name.endsWith(".jsa") || name.endsWith(".tmp"));
		}
		assertThat(messages).isEmpty();
		assertThat(sharing.options("replica", List.of("-Xmx64m")))
			.as("no second attempt right after one that failed (one lab in ten minutes pays for it)")
			.isEmpty();
	}

}
