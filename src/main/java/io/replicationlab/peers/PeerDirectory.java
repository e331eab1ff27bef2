package io.replicationlab.peers;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.replicationlab.replica.ReplicaProperties;

import org.springframework.stereotype.Component;

/**
 * The replicas of the cluster as this one knows them: itself and its configured peers
 * ({@code replica.peers}).
 */
@Component
public class PeerDirectory {

	private final String self;

	private final Map<String, URI> peers;

	PeerDirectory(ReplicaProperties replica) {
		this.self = replica.id();
		this.peers = replica.peerUrls();
	}

	/** This replica's id. */
	public String self() {
		return this.self;
	}

	/** The peers' ids, in configuration order, without this replica. */
	public Set<String> peerIds() {
		return this.peers.keySet();
	}

	public boolean isPeer(String replicaId) {
		return replicaId != null && this.peers.containsKey(replicaId);
	}

	/** Whether the id names a replica of the cluster: this one or a configured peer. */
	public boolean isKnown(String replicaId) {
		return this.self.equals(replicaId) || isPeer(replicaId);
	}

	/** Every replica of the cluster, this one included, sorted by id. */
	public SortedSet<String> replicaIds() {
		SortedSet<String> ids = new TreeSet<>(this.peers.keySet());
		ids.add(this.self);
		return ids;
	}

	public Optional<URI> url(String peer) {
		return Optional.ofNullable(this.peers.get(peer));
	}

}
