package io.replicationlab.lab;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

class LabClassOrderTests {

	@Test
	void classesSharingALabRunTogetherAndTheOnesThatSpoilItLast() {
		List<Class<?>> given = List.of(Spoils.class, OtherArguments.class, NoLab.class, DefaultLab.class,
				OtherArgumentsSpoils.class, AnotherDefaultLab.class);
		List<Class<?>> ordered = given.stream().sorted(Comparator.comparing(LabClassOrder::rank)).toList();
		assertThat(ordered).containsExactly(NoLab.class, DefaultLab.class, AnotherDefaultLab.class, Spoils.class,
				OtherArguments.class, OtherArgumentsSpoils.class);
	}

	static class NoLab {

	}

	@ExtendWith(SharedLab.class)
	static class DefaultLab {

	}

	@ExtendWith(SharedLab.class)
	static class AnotherDefaultLab {

	}

	@ExtendWith(SharedLab.class)
	@SharedLab.Settings(leavesAnomalies = true)
	static class Spoils {

	}

	@ExtendWith(SharedLab.class)
	@SharedLab.Settings(replicaArguments = "--reconcile.conflict-policy=lww")
	static class OtherArguments {

	}

	@ExtendWith(SharedLab.class)
	@SharedLab.Settings(replicaArguments = "--reconcile.conflict-policy=lww", leavesAnomalies = true)
	static class OtherArgumentsSpoils {

	}

}
