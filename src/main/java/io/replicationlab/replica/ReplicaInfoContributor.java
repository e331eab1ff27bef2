package io.replicationlab.replica;

import java.util.Map;

/**
 * Adds fields to {@code GET /api/replica} from a feature the client API does not know
 * (the partition in force, the Kafka connection...). Implement it as a bean; the fields
 * are merged in bean order.
 */
public interface ReplicaInfoContributor {

	void contribute(Map<String, Object> info);

}
