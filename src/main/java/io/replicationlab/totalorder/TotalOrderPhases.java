package io.replicationlab.totalorder;

/**
 * Lifecycle phases: the link is checked before the relay and the consumer start, and all
 * of them stop before the replica's single database writer ({@code GroupCommit}, which
 * stops last) so that their last commits still land.
 */
final class TotalOrderPhases {

	static final int LINK = -100;

	static final int WORKERS = 0;

	private TotalOrderPhases() {
	}

}
