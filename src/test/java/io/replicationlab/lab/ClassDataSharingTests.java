package io.replicationlab.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
	void theDependenciesComeFirstAndTheirArchiveOutlivesARebuildOfTheApplication() throws Exception {
		Path classes = this.temp.resolve("build/classes");
		Files.createDirectories(classes);
		Files.writeString(classes.resolve("application.yml"), "a: 1");
		Path dependency = emptyJar(this.temp.resolve("dependency.jar"));
		String classpath = classes + File.pathSeparator + dependency;
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), classpath, (message) -> {
		});
		assertThat(sharing.classpath()).startsWith(dependency + File.pathSeparator);
		String listing = sharing.options("replica", List.of("-Xmx64m")).get(0);
		String name = Path.of(listing.substring(RECORD.length())).getFileName().toString();
		Path archive = this.temp.resolve("cds").resolve(name.substring(0, name.indexOf(".jsa") + 4));
		Files.writeString(archive, "an archive");
		Files.writeString(classes.resolve("application.yml"), "a: 2");
		ClassDataSharing rebuilt = ClassDataSharing.prepare(this.temp.resolve("cds"), classpath, (message) -> {
		});
		assertThat(rebuilt.classpath()).isNotEqualTo(sharing.classpath());
		assertThat(rebuilt.options("replica", List.of("-Xmx64m"))).containsExactly("-XX:SharedArchiveFile=" + archive);
		assertThat(rebuilt.options("replica", List.of("-Xmx32m"))).as("other JVM options: another archive")
			.noneMatch((option) -> option.startsWith("-XX:SharedArchiveFile="));
	}

	/**
	 * The children run with the application's jars after the dependencies: that changes
	 * no lookup only while no class or resource of the application has a namesake in a
	 * dependency (the configuration metadata, read by IDEs only, aside).
	 */
	@Test
	void noFileOfTheApplicationHasANamesakeInADependency() throws Exception {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> own = new ArrayList<>();
		List<Path> dependencies = new ArrayList<>();
		for (String entry : classpath.split(File.pathSeparator)) {
			Path path = Path.of(entry);
			if (Files.isDirectory(path)) {
				try (var files = Files.walk(path)) {
					files.filter(Files::isRegularFile)
						.map((file) -> path.relativize(file).toString().replace(File.separatorChar, '/'))
						.filter((name) -> !name.endsWith("spring-configuration-metadata.json"))
						.forEach(own::add);
				}
			}
			else if (entry.endsWith(".jar")) {
				dependencies.add(path);
			}
		}
		assertThat(own).contains("application.yml", "io/replicationlab/ReplicationLabApplication.class");
		List<String> namesakes = new ArrayList<>();
		for (Path dependency : dependencies) {
			try (JarFile jar = new JarFile(dependency.toFile())) {
				own.stream()
					.filter((name) -> jar.getEntry(name) != null)
					.forEach((name) -> namesakes.add(dependency + "!" + name));
			}
		}
		assertThat(namesakes).isEmpty();
	}

	@Test
	void oneChildOfAKindListsItsClassesTheOthersStartWithout() throws Exception {
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), "", (message) -> {
		});
		assertThat(sharing.options("replica", List.of("-Xmx64m"))).singleElement()
			.satisfies((option) -> assertThat(option).startsWith(RECORD));
		assertThat(sharing.options("replica", List.of("-Xmx64m"))).isEmpty();
		assertThat(sharing.options("kafka", List.of("-Xmx64m"))).singleElement()
			.satisfies((option) -> assertThat(option).startsWith(RECORD));
	}

	@Test
	void aChildKilledWhileItListedItsClassesStillLeavesAnArchiveThatMaps() throws Exception {
		List<String> messages = new ArrayList<>();
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"),
				emptyJar(this.temp.resolve("dependency.jar")).toString(), messages::add);
		List<String> command = childCommand(sharing);
		// a SIGKILL can cut the list in the middle of a line, which -Xshare:dump refuses
		Files.writeString(classList(command),
				"java/lang/Object\njava/lang/String\njava/util/ArrayList\n@lambda-proxy java/lang/Str");
		sharing.exited(command);
		sharing.awaitDumps(Duration.ofMinutes(2));
		assertThat(messages).anyMatch((message) -> message.startsWith("Class data archive written"));
		assertThat(fileNames()).anyMatch((name) -> name.endsWith(".jsa"))
			.noneMatch((name) -> name.endsWith(".tmp") || name.endsWith(".classlist"));
		assertThat(sharing.options("replica", List.of("-Xmx64m"))).singleElement()
			.satisfies((option) -> assertThat(option).startsWith("-XX:SharedArchiveFile="));
	}

	@Test
	void anArchiveThatCannotBeDumpedIsNeverPublishedNorRetriedAtOnce() throws Exception {
		List<String> messages = new ArrayList<>();
		ClassDataSharing sharing = ClassDataSharing.prepare(this.temp.resolve("cds"), "", messages::add);
		List<String> command = childCommand(sharing);
		// a list the dump refuses (a JDK update could change the format)
		Files.writeString(classList(command), "@no-such-directive\n");
		sharing.exited(command);
		sharing.awaitDumps(Duration.ofMinutes(2));
		assertThat(fileNames()).as("neither published nor left behind")
			.noneMatch((name) -> name.endsWith(".jsa") || name.endsWith(".tmp") || name.endsWith(".classlist"));
		assertThat(messages).noneMatch((message) -> message.startsWith("Class data archive written"));
		assertThat(sharing.options("replica", List.of("-Xmx64m")))
			.as("no second attempt right after one that failed (one lab in ten minutes pays for it)")
			.isEmpty();
	}

	private static final String RECORD = "-XX:DumpLoadedClassList=";

	private static List<String> childCommand(ClassDataSharing sharing) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
		command.addAll(sharing.options("replica", List.of("-Xmx64m")));
		command.addAll(List.of("-Xmx64m", "-D" + LabChild.PARENT_PID + "=1", "Main"));
		return command;
	}

	private static Path classList(List<String> command) {
		return Path.of(command.get(1).substring(RECORD.length()));
	}

	private List<String> fileNames() throws Exception {
		try (var files = Files.list(this.temp.resolve("cds"))) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static Path emptyJar(Path path) throws Exception {
		try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(path))) {
			out.putNextEntry(new java.util.jar.JarEntry("META-INF/"));
			out.closeEntry();
		}
		return path;
	}

}
