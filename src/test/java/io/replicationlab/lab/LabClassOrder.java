package io.replicationlab.lab;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test JVM's class order (junit-platform.properties): classes without the
 * {@link SharedLab} first, then those on the default lab, the ones that leave anomalies
 * in it last among them, then the labs with other replica arguments, grouped, so that
 * each lab starts once. Otherwise the order JUnit was given.
 */
public class LabClassOrder implements ClassOrderer {

	@Override
	public void orderClasses(ClassOrdererContext context) {
		context.getClassDescriptors().sort(Comparator.comparing(LabClassOrder::rank));
	}

	static String rank(ClassDescriptor descriptor) {
		return rank(descriptor.getTestClass());
	}

	/**
	 * Sorts as text: {@code 0} without the shared lab, then {@code 1} and the arguments
	 * (empty first), then {@code 0} or {@code 1} for leaving anomalies.
	 */
	static String rank(Class<?> testClass) {
		if (!usesSharedLab(testClass)) {
			return "0";
		}
		List<String> arguments = SharedLab.replicaArguments(testClass);
		return "1 " + String.join(" ", arguments) + " " + (SharedLab.leavesAnomalies(testClass) ? 1 : 0);
	}

	private static boolean usesSharedLab(Class<?> testClass) {
		ExtendWith extendWith = testClass.getAnnotation(ExtendWith.class);
		return extendWith != null && List.of(extendWith.value()).contains(SharedLab.class);
	}

}
