package io.replicationlab.lab;

/**
 * A lab control the supervisor refuses (unknown process, a start of a running one...),
 * answered as an {@code application/problem+json} document with the given status.
 */
class LabRefusal extends RuntimeException {

	private final int status;

	private final String type;

	private final String title;

	LabRefusal(int status, String type, String title, String detail) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
	}

	static LabRefusal unknown(String id) {
		return new LabRefusal(404, "lab-unknown-process", "Unknown lab process",
				"The lab has no replica '" + id + "'; GET /api/lab lists its processes");
	}

	static LabRefusal conflict(String detail) {
		return new LabRefusal(409, "lab-process-state", "Not possible in the process's state", detail);
	}

	int status() {
		return this.status;
	}

	String type() {
		return this.type;
	}

	String title() {
		return this.title;
	}

}
