package io.replicationlab.totalorder;

/**
 * Which log a total-order position belongs to: the Kafka cluster's id and the topic's id.
 * Both are random ids the broker assigns: a topic deleted and created again under the
 * same name gets a new topic id, and a broker that lost its metadata and storage a new
 * cluster id, so an offset stored with one identity is never read in another log.
 */
record LogIdentity(String clusterId, String topicId) {

	@Override
	public String toString() {
		return "cluster " + this.clusterId + ", topic id " + this.topicId;
	}

}
