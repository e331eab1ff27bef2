package io.replicationlab.wal;

/**
 * The replica's single writer takes no more work: it is stopping, or it has ended. The
 * unit was not run and wrote nothing; a client may retry (on this replica once it is
 * back, or on another). Answered as 503 with Retry-After.
 */
public class WriterUnavailableException extends IllegalStateException {

	public WriterUnavailableException(String message) {
		super(message);
	}

}
