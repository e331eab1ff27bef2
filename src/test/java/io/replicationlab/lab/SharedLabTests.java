package io.replicationlab.lab;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the test classes that drive the shared lab of this test JVM
 * ({@link SharedLab}): {@link #lab} is that lab, started or healed, before a class's
 * first test. A class that needs other replica arguments says so with
 * {@link SharedLab.Settings}.
 */
@Tag("lab")
@ExtendWith(SharedLab.class)
public abstract class SharedLabTests {

	protected static LabFixture lab;

	@BeforeAll
	static void useTheSharedLab(LabFixture shared) {
		lab = shared;
	}

}
