package io.replicationlab.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one lab per test run (a broker and three replica JVMs take a minute
 * or two to start on a busy 2-core machine): the first class that asks starts it, JUnit
 * closes it (its processes stopped, checked by {@link LabSupervisor#close}) when the
 * whole run ends. Inject it with a {@link LabFixture} parameter of a {@code @BeforeAll}
 * method. {@code -Dfaults.h2-write-delay=N} starts the replicas with that H2 write delay.
 */
public class SharedLab implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LabFixture.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(ExtensionContext.Namespace.create(SharedLab.class))
			.computeIfAbsent("lab", (key) -> start(), LabFixture.class);
	}

	private static LabFixture start() {
		try {
			Path dataDir = Files.createTempDirectory("shared-lab");
			List<String> args = new ArrayList<>();
			String writeDelay = System.getProperty("faults.h2-write-delay");
			if (writeDelay != null) {
				args.add("--replica.h2-write-delay=" + writeDelay);
			}
			return LabFixture.start(dataDir, args.toArray(String[]::new)).deletingDataOnClose();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("could not start the lab", ex);
		}
	}

}
