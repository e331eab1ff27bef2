package io.replicationlab.lab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes one lab per test JVM (a broker and three replica JVMs take 20 to 25
 * seconds to start on an idle 2-core machine, minutes on a busy one): the first class
 * that asks starts it, every later class whose {@link Settings} are the same gets it
 * healed ({@link LabFixture#heal}: every process running, no partition, no pitfall on, no
 * clock skew), and JUnit closes it (its processes stopped) when the whole run ends.
 * Inject it with a {@link LabFixture} parameter of the constructor of a
 * {@code @TestInstance(PER_CLASS)} class (one instance, so one resolution per class):
 * every lab class does so.
 * <p>
 * One lab runs at a time: a class that needs other replica arguments gets a lab of its
 * own, the previous one closed first; a class that {@linkplain Settings#leavesAnomalies()
 * leaves anomalies} in the data on purpose has its lab closed after it, since the
 * whole-cluster verifier would find them in every later class. {@link LabClassOrder} runs
 * the classes that share a lab together, those that spoil it last, so that each lab
 * starts once. {@code -Dfaults.h2-write-delay=N} starts every lab's replicas with that H2
 * write delay.
 */
public class SharedLab implements ParameterResolver, AfterAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLab.class);

	/** What a test class needs of the shared lab; without it, the default lab. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	public @interface Settings {

		/** Handed to every replica, e.g. {@code --reconcile.conflict-policy=lww}. */
		String[] replicaArguments() default {};

		/**
		 * Whether the class leaves anomalies in the lab's data on purpose (pitfalls): no
		 * later class may judge that lab.
		 */
		boolean leavesAnomalies() default false;

	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LabFixture.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return labs(context).lab(replicaArguments(context.getRequiredTestClass()));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (leavesAnomalies(context.getRequiredTestClass())) {
			labs(context).close();
		}
	}

	static List<String> replicaArguments(Class<?> testClass) {
		List<String> arguments = new ArrayList<>();
		String writeDelay = System.getProperty("faults.h2-write-delay");
		if (writeDelay != null) {
			arguments.add("--replica.h2-write-delay=" + writeDelay);
		}
		Settings settings = testClass.getAnnotation(Settings.class);
		if (settings != null) {
			arguments.addAll(List.of(settings.replicaArguments()));
		}
		return List.copyOf(arguments);
	}

	static boolean leavesAnomalies(Class<?> testClass) {
		Settings settings = testClass.getAnnotation(Settings.class);
		return settings != null && settings.leavesAnomalies();
	}

	private static Labs labs(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Labs.class, (key) -> new Labs(), Labs.class);
	}

	/** The one lab of this test JVM, and the arguments it was started with. */
	private static final class Labs implements AutoCloseable {

		private LabFixture lab;

		private List<String> arguments;

		synchronized LabFixture lab(List<String> wanted) {
			if (this.lab != null && !wanted.equals(this.arguments)) {
				close();
			}
			try {
				if (this.lab == null) {
					Path dataDir = Files.createTempDirectory("shared-lab");
					this.lab = LabFixture.start(dataDir, wanted.toArray(String[]::new)).deletingDataOnClose();
					this.arguments = wanted;
				}
				else {
					this.lab.heal();
				}
				return this.lab;
			}
			catch (Exception ex) {
				throw new IllegalStateException("could not start or heal the shared lab", ex);
			}
		}

		@Override
		public synchronized void close() {
			if (this.lab != null) {
				LabFixture closing = this.lab;
				this.lab = null;
				this.arguments = null;
				closing.close();
			}
		}

	}

}
