package io.replicationlab.lab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The entry point of every child process of the lab: watches the lab supervisor (system
 * property {@value #PARENT_PID}) and ends this JVM when the supervisor is gone, then runs
 * the real main class (the first argument) with the remaining arguments. So a supervisor
 * that dies without cleaning up (SIGKILL, a crashed test JVM) leaves no broker or replica
 * behind.
 */
public final class LabChild {

	static final String PARENT_PID = "lab.parent-pid";

	private static final long POLL_MILLIS = 1000;

	private static final long HALT_AFTER_MILLIS = 20_000;

	private LabChild() {
	}

	public static void main(String[] args) throws Throwable {
		if (args.length == 0) {
			throw new IllegalArgumentException("Usage: LabChild <main class> [arguments...] with -D" + PARENT_PID);
		}
		String parentPid = System.getProperty(PARENT_PID);
		if (parentPid != null) {
			watch(Long.parseLong(parentPid));
		}
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		Method main = Class.forName(args[0], true, (loader != null) ? loader : LabChild.class.getClassLoader())
			.getMethod("main", String[].class);
		try {
			main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	static void watch(long parentPid) {
		Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
		Thread watcher = new Thread(() -> {
			while (parent.isPresent() && parent.get().isAlive()) {
				try {
					Thread.sleep(POLL_MILLIS);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			System.err.println("The lab supervisor (pid " + parentPid + ") is gone: exiting");
			Thread halter = new Thread(() -> {
				try {
					Thread.sleep(HALT_AFTER_MILLIS);
				}
				catch (InterruptedException ex) {
					// exiting anyway
				}
				Runtime.getRuntime().halt(1);
			}, "lab-halt");
			halter.setDaemon(true);
			halter.start();
			System.exit(1);
		}, "lab-parent-watch");
		watcher.setDaemon(true);
		watcher.start();
	}

}
