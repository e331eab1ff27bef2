package io.replicationlab.peers;

import java.nio.file.Path;
import java.util.List;

import io.replicationlab.replica.ReplicaProperties;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerClientTests {

	final ReplicaProperties replica = new ReplicaProperties("r1", Path.of("data"),
			"r2=http://localhost:1,r3=http://localhost:1", "token");

	final PartitionTable partitions = new PartitionTable(this.replica);

	final PeerClient client = new PeerClient(new PeerDirectory(this.replica), this.partitions, this.replica,
			RestClient.builder());

	@Test
	void replicationTrafficToAPeerCutOffByThePartitionIsNotSent() {
		this.partitions.impose(new Partition(List.of(List.of("r1"), List.of("r2", "r3")), null));
		assertThatThrownBy(() -> this.client.send("r2", "GET", "/internal/reconcile/deltas", null))
			.isInstanceOf(PeerUnreachableException.class)
			.hasMessageContaining("partition");
	}

	@Test
	void anUnknownOrDownPeerIsUnreachable() {
		assertThatThrownBy(() -> this.client.send("r9", "GET", "/", null)).isInstanceOf(PeerUnreachableException.class)
			.hasMessageContaining("not a configured peer");
		assertThatThrownBy(() -> this.client.control("r2", "DELETE", "/internal/partition", null))
			.isInstanceOf(PeerUnreachableException.class);
	}

}
