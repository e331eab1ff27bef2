package io.replicationlab.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.replicationlab.replica.ReplicaProperties;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The replicas of the cluster: this one (reached on its own port at {@code localhost})
 * and its peers ({@code replica.peers}).
 */
@Component
class ClusterMembers {

	private final ReplicaProperties replica;

	private final Environment environment;

	ClusterMembers(ReplicaProperties replica, Environment environment) {
		this.replica = replica;
		this.environment = environment;
	}

	String self() {
		return this.replica.id();
	}

	/**
	 * Every replica, this one included, ordered by id so that every replica lists the
	 * cluster the same way.
	 */
	List<Member> all() {
		List<Member> members = new ArrayList<>();
		members.add(new Member(this.replica.id(), selfUrl()));
		members.addAll(peers());
		members.sort(Comparator.comparing(Member::id));
		return members;
	}

	List<Member> peers() {
		List<Member> peers = new ArrayList<>();
		this.replica.peerUrls().forEach((id, url) -> peers.add(new Member(id, url)));
		return peers;
	}

	private URI selfUrl() {
		String port = this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
		return URI.create("http://localhost:" + port);
	}

}
