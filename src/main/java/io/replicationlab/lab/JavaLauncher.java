package io.replicationlab.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * Builds the command line of a child JVM that runs a main class of this application's
 * classpath through {@link LabChild} (which makes the child end when the lab supervisor
 * ends). Two shapes:
 * <ul>
 * <li>a plain classpath (under {@code ./mvnw spring-boot:run}, or a test's classpath):
 * handed over in the {@code CLASSPATH} environment variable, so that {@code ps} stays
 * readable;</li>
 * <li>one executable Spring Boot jar ({@code java -jar replication-lab.jar}): started
 * again through Spring Boot's {@code PropertiesLauncher} with {@code -Dloader.main}.</li>
 * </ul>
 */
final class JavaLauncher {

	static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final String java;

	private final String classpath;

	private final boolean executableJar;

	private final long parentPid;

	/** {@code null}: none (an executable jar, or switched off). */
	private final ClassDataSharing sharing;

	JavaLauncher(String classpath, long parentPid) {
		this(classpath, parentPid, null);
	}

	/**
	 * @param sharing the class data archives of a plain classpath (ignored for an
	 * executable jar, whose nested jars Java 17 cannot archive), or {@code null}
	 */
	JavaLauncher(String classpath, long parentPid, ClassDataSharing sharing) {
		this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.executableJar = isExecutableJar(classpath);
		this.sharing = this.executableJar ? null : sharing;
		this.classpath = (this.sharing != null) ? this.sharing.classpath() : classpath;
		this.parentPid = parentPid;
	}

	List<String> command(List<String> jvmOptions, List<String> mainAndArguments) {
		return command(null, jvmOptions, mainAndArguments);
	}

	/**
	 * @param kind the kind of child ({@code kafka}, {@code replica}): children of one
	 * kind share a class data archive; {@code null}: none
	 */
	List<String> command(String kind, List<String> jvmOptions, List<String> mainAndArguments) {
		List<String> command = new ArrayList<>();
		command.add(this.java);
		if (this.sharing != null && kind != null) {
			command.addAll(this.sharing.options(kind, jvmOptions));
		}
		command.addAll(jvmOptions);
		command.add("-D" + LabChild.PARENT_PID + "=" + this.parentPid);
		if (this.executableJar) {
			command.add("-Dloader.main=" + LabChild.class.getName());
			command.add("-cp");
			command.add(this.classpath);
			command.add(PROPERTIES_LAUNCHER);
		}
		else {
			command.add(LabChild.class.getName());
		}
		command.addAll(mainAndArguments);
		return command;
	}

	/** After a child started with {@code command} exited. */
	void exited(List<String> command) {
		if (this.sharing != null && command != null) {
			this.sharing.exited(command);
		}
	}

	/** See {@link ClassDataSharing#awaitDumps}. */
	void awaitArchives(java.time.Duration timeout) {
		if (this.sharing != null) {
			this.sharing.awaitDumps(timeout);
		}
	}

	void configure(ProcessBuilder builder) {
		if (this.executableJar) {
			builder.environment().remove("CLASSPATH");
		}
		else {
			builder.environment().put("CLASSPATH", this.classpath);
		}
	}

	private static boolean isExecutableJar(String classpath) {
		if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
			return false;
		}
		try (JarFile jar = new JarFile(classpath)) {
			return jar.getEntry("BOOT-INF/") != null || jar.getEntry("BOOT-INF/classes/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
