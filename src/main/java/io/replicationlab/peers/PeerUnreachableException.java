package io.replicationlab.peers;

/**
 * A peer could not be asked: it is cut off by the partition in force, unknown, down, or
 * too slow to answer.
 */
public class PeerUnreachableException extends RuntimeException {

	private final String peer;

	public PeerUnreachableException(String peer, String reason, Throwable cause) {
		super("peer " + peer + " unreachable: " + reason, cause);
		this.peer = peer;
	}

	public String peer() {
		return this.peer;
	}

}
