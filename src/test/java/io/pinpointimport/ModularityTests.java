package io.pinpointimport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

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

	static final Path DIAGRAMS = Path.of("docs", "modules");

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
	void writesTheModuleDiagrams() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DIAGRAMS.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		try (Stream<Path> files = Files.list(DIAGRAMS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".puml")).toList()) {
				Files.write(file, inStableOrder(Files.readAllLines(file)));
			}
		}
	}

	/**
	 * The documenter writes components and relations in a different order on each run;
	 * sorting each run of them keeps the committed diagrams unchanged while the modules
	 * are.
	 */
	static List<String> inStableOrder(List<String> lines) {
		List<String> ordered = new ArrayList<>(lines.size());
		List<String> run = new ArrayList<>();
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.startsWith("Rel(") || trimmed.startsWith("Component(")) {
				run.add(line);
				continue;
			}
			Collections.sort(run);
			ordered.addAll(run);
			run.clear();
			ordered.add(line);
		}
		Collections.sort(run);
		ordered.addAll(run);
		return ordered;
	}

}
