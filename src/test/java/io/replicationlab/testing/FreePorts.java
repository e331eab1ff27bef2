package io.replicationlab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for the servers a test starts on this machine. */
public final class FreePorts {

	private FreePorts() {
	}

	/**
	 * A port nothing listens on now (one the system would hand out), for a server whose
	 * port must be known before it starts, e.g. to tell its peers.
	 */
	public static int any() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
