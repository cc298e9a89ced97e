package io.pinpointimport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages keep to the dependencies their {@code package-info.java} declares,
 * with no cycles; the module diagrams under {@code docs/modules} are written from the
 * same model.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(PinpointImportServiceApplication.class);

	@Test
	void modulesKeepToTheirDeclaredDependencies() {
		modules.verify();
	}

	@Test
	void sharedKernelDependsOnNoOtherModule() {
		ApplicationModule shared = modules.getModuleByName("shared").orElseThrow();
		assertThat(shared.getDirectDependencies(modules)
			.stream()
			.map(dependency -> dependency.getTargetModule().getName())).isEmpty();
	}

	@Test
	void writesTheModuleDiagrams() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
	}

}
