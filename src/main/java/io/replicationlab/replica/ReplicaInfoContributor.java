package io.replicationlab.replica;

import java.util.Map;

/**
 * Adds a section to {@code GET /api/replica} from a feature the client API does not know
 * (the partition in force...). Implement it as a bean; the sections follow the fields
 * every replica gives ({@link ReplicaView}), in bean order, and cannot replace them. Name
 * a section by a constant of {@link ReplicaView} when {@code cluster} reads it back.
 */
public interface ReplicaInfoContributor {

	void contribute(Map<String, Object> sections);

}
