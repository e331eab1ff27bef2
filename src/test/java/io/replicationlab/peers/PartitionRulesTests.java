package io.replicationlab.peers;

import java.nio.file.Path;
import java.util.List;

import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.system.ClientProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionRulesTests {

	final PeerDirectory directory = new PeerDirectory(new ReplicaProperties("r1", Path.of("data"),
			"r1=http://localhost:8081,r2=http://localhost:8082,r3=http://localhost:8083", "token"));

	@Test
	void aPartitionOfKnownReplicasCutsTrafficBetweenGroupsInBothDirections() {
		Partition partition = PartitionRules.check(List.of(List.of("r1"), List.of("r2", "r3")), List.of("r2", "r3"),
				this.directory);
		assertThat(partition.connects("r2", "r3")).isTrue();
		assertThat(partition.connects("r1", "r2")).isFalse();
		assertThat(partition.connects("r2", "r1")).isFalse();
		assertThat(partition.reachesKafka("r1")).isFalse();
	}

	@Test
	void unknownRepeatedOrEmptyEntriesAreRefused() {
		assertRefused(List.of(List.of("r1"), List.of("r2", "r9")), null);
		assertRefused(List.of(List.of("r1", "r2"), List.of("r2", "r3")), null);
		assertRefused(List.of(List.of("r1"), List.of()), null);
		assertRefused(null, null);
		assertRefused(List.of(List.of("r1")), List.of("r2", "r2"));
		assertRefused(List.of(List.of("r1")), List.of("r7"));
	}

	@Test
	void theDirectoryKnowsItselfAndItsPeersButNotOthers() {
		assertThat(this.directory.peerIds()).containsExactly("r2", "r3");
		assertThat(this.directory.replicaIds()).containsExactly("r1", "r2", "r3");
		assertThat(this.directory.isKnown("r1")).isTrue();
		assertThat(this.directory.isPeer("r1")).isFalse();
		assertThat(this.directory.isKnown("r9")).isFalse();
	}

	private void assertRefused(List<List<String>> groups, List<String> kafka) {
		assertThatThrownBy(() -> PartitionRules.check(groups, kafka, this.directory)).isInstanceOfSatisfying(
				ClientProblem.class, (problem) -> assertThat(problem.status().value()).isEqualTo(400));
	}

}
