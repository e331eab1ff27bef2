package io.replicationlab;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries of docs/design.md hold: no cycles, and a module uses only the
 * public types in the top-level package of the modules it depends on. Writes the module
 * diagrams to {@code target/spring-modulith-docs} as a by-product.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(ReplicationLabApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void vectorClocksDependOnNothing() {
		ApplicationModule vclock = this.modules.getModuleByName("vclock").orElseThrow();
		assertThat(vclock.getBootstrapDependencies(this.modules)).isEmpty();
		assertThat(vclock.getDirectDependencies(this.modules).stream()).isEmpty();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}
