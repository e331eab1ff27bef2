package io.replicationlab.reconcile;

/**
 * A delta batch refused whole: malformed or from an unknown origin ({@link #malformed}),
 * or leaving a gap after this replica's vector or contradicting an op held here (a
 * conflict).
 */
class BatchRejectedException extends RuntimeException {

	private final boolean malformed;

	BatchRejectedException(String reason) {
		this(reason, false);
	}

	private BatchRejectedException(String reason, boolean malformed) {
		super(reason);
		this.malformed = malformed;
	}

	static BatchRejectedException malformed(String reason) {
		return new BatchRejectedException(reason, true);
	}

	/**
	 * Whether the batch itself is wrong (400), rather than at odds with this replica's
	 * state (409).
	 */
	boolean malformed() {
		return this.malformed;
	}

}
