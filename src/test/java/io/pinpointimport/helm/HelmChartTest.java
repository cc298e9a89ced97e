package io.pinpointimport.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Lints and renders the Helm chart with its default values and with the full production
 * example, asserts on the rendered manifests, and checks them against the Kubernetes
 * schemas. The rendered manifests are left in {@code target/helm/}.
 */
class HelmChartTest {

	static final Path CHART = Path.of("helm", "pinpoint-import-service");

	static final Path FULL_VALUES = CHART.resolve("ci").resolve("full-values.yaml");

	static final Path RENDERED = Path.of("target", "helm");

	static final Path CI_TOOLS = Path.of(".ci");

	static final String KUBE_VERSION = "1.32.0";

	static Manifests defaults;

	static Manifests full;

	@BeforeAll
	static void render() throws IOException {
		Files.createDirectories(RENDERED);
		String defaultYaml = template().call();
		String fullYaml = template().withValuesFile(FULL_VALUES).call();
		Files.writeString(RENDERED.resolve("default-values.yaml"), defaultYaml);
		Files.writeString(RENDERED.resolve("full-values.yaml"), fullYaml);
		defaults = Manifests.parse(defaultYaml);
		full = Manifests.parse(fullYaml);
	}

	static TemplateCommand template() {
		return new Helm(CHART).template()
			.withName("pinpoint-import")
			.withNamespace("messaging")
			.withKubeVersion(KUBE_VERSION);
	}

	@Test
	void passesStrictLint() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
		assertThat(lint.getMessages()).noneMatch((message) -> message.contains("[WARNING]"))
			.noneMatch((message) -> message.contains("[ERROR]"));
	}

	@Test
	void rendersTheCoreObjectsWithDefaultValues() {
		assertThat(defaults.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget", "NetworkPolicy");
		assertThat(defaults.deployment().at("spec.replicas")).isEqualTo(2);
	}

	@Test
	void rendersEveryOptionalObjectWithTheFullExample() {
		assertThat(full.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
				"PodDisruptionBudget", "NetworkPolicy", "HorizontalPodAutoscaler", "Ingress", "ServiceMonitor");
		Node hpa = full.single("HorizontalPodAutoscaler");
		assertThat(hpa.at("spec.scaleTargetRef.name")).isEqualTo(full.deployment().at("metadata.name"));
		assertThat(hpa.at("spec.minReplicas")).isEqualTo(3);
		assertThat(full.deployment().at("spec.replicas")).as("the HPA owns the replica count").isNull();
		Node ingress = full.single("Ingress");
		assertThat(ingress.at("spec.rules.0.http.paths.0.backend.service.port.name"))
			.as("the Ingress exposes the API port, never Actuator")
			.isEqualTo("http");
		Node monitor = full.single("ServiceMonitor");
		assertThat(monitor.at("spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
		assertThat(monitor.at("spec.endpoints.0.port")).isEqualTo("management");
		assertThat(monitor.at("spec.selector.matchLabels"))
			.isEqualTo(full.deployment().at("spec.selector.matchLabels"));
		assertThat(monitor.at("spec.endpoints.0.authorization.type")).isEqualTo("ApiKey");
	}

	@Test
	void runsWithTheRestrictedPodSecurityStandard() {
		for (Manifests manifests : List.of(defaults, full)) {
			Node pod = manifests.deployment().node("spec.template.spec");
			assertThat(pod.at("securityContext.runAsNonRoot")).isEqualTo(true);
			assertThat(pod.at("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
			assertThat(pod.at("automountServiceAccountToken")).isEqualTo(false);
			Node container = pod.node("containers.0");
			assertThat(container.at("securityContext.runAsNonRoot")).isEqualTo(true);
			assertThat(container.at("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(container.at("securityContext.allowPrivilegeEscalation")).isEqualTo(false);
			assertThat(container.at("securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
			assertThat(container.at("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
			assertThat(container.at("volumeMounts")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.contains(Map.of("name", "tmp", "mountPath", "/tmp"));
			assertThat(pod.at("volumes")).asInstanceOf(InstanceOfAssertFactories.LIST).anySatisfy((volume) -> {
				assertThat(((Map<?, ?>) volume).get("name")).isEqualTo("tmp");
				assertThat(((Map<?, ?>) volume).get("emptyDir")).isNotNull();
			});
		}
	}

	@Test
	void probesActuatorHealthGroupsOnTheManagementPort() {
		Node container = defaults.deployment().node("spec.template.spec.containers.0");
		assertThat(container.at("livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(container.at("startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(container.at("readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(container.at("readinessProbe.httpGet.port")).isEqualTo("management");
		assertThat(container.at("ports")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("name", "management", "containerPort", 8081, "protocol", "TCP"));
		assertThat(env(container, "MANAGEMENT_SERVER_PORT").get("value")).isEqualTo("8081");
		assertThat(env(container, "SERVER_PORT").get("value")).isEqualTo("8080");
	}

	@Test
	void givesShutdownTimeToFinishInFlightWork() throws IOException {
		Node pod = defaults.deployment().node("spec.template.spec");
		int preStop = (int) pod.at("containers.0.lifecycle.preStop.sleep.seconds");
		int grace = (int) pod.at("terminationGracePeriodSeconds");
		Node application = new Node(
				yaml().load(Files.readString(Path.of("src", "main", "resources", "application.yml"))));
		String shutdownPhase = (String) application.at("spring.lifecycle.timeout-per-shutdown-phase");
		assertThat(grace).isGreaterThan(preStop + (int) Duration.parse("PT" + shutdownPhase).toSeconds());
	}

	@Test
	void annotatesTheServiceAccountForIrsa() {
		Node serviceAccount = full.single("ServiceAccount");
		assertThat(serviceAccount.at("metadata.annotations"))
			.isEqualTo(Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/pinpoint-import-service",
					"eks.amazonaws.com/sts-regional-endpoints", "true"));
		assertThat(full.deployment().at("spec.template.spec.serviceAccountName"))
			.isEqualTo(serviceAccount.at("metadata.name"));
		assertThat(env(full.deployment().node("spec.template.spec.containers.0"), "AWS_REGION").get("value"))
			.isEqualTo("eu-west-1");
	}

	@Test
	void readsDatabaseCredentialsAndApiKeysFromExistingSecrets() {
		Node container = full.deployment().node("spec.template.spec.containers.0");
		assertThat(env(container, "SPRING_DATASOURCE_URL").get("value")).asString()
			.startsWith("jdbc:postgresql://pinpoint-import.cluster-");
		assertThat(env(container, "SPRING_DATASOURCE_USERNAME").get("valueFrom"))
			.isEqualTo(Map.of("secretKeyRef", Map.of("name", "pinpoint-import-db", "key", "username")));
		assertThat(env(container, "SPRING_DATASOURCE_PASSWORD").get("valueFrom"))
			.isEqualTo(Map.of("secretKeyRef", Map.of("name", "pinpoint-import-db", "key", "password")));
		assertThat(full.deployment().at("spec.template.spec.volumes")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.contains(Map.of("name", "api-keys", "secret", Map.of("secretName", "pinpoint-import-api-keys", "items",
					List.of(Map.of("key", "api-keys.yaml", "path", "api-keys.yaml")))));
		assertThat(env(container, "SPRING_CONFIG_ADDITIONAL_LOCATION").get("value"))
			.isEqualTo("file:/etc/pinpoint-import-service/config/application.yaml,"
					+ "file:/etc/pinpoint-import-service/api-keys/api-keys.yaml");
		assertThat(full.all()).noneMatch((manifest) -> "Secret".equals(manifest.at("kind")));
	}

	@Test
	void putsSettingsInTheConfigMapAndRollsPodsWhenTheyChange() {
		Node configMap = full.single("ConfigMap");
		Object settings = yaml().load((String) configMap.at("data.application\\.yaml"));
		assertThat(new Node(settings).at("spring.datasource.hikari.maximum-pool-size")).isEqualTo(10);
		String checksum = (String) defaults.deployment().at("spec.template.metadata.annotations.checksum/config");
		Manifests changed = Manifests.parse(template().set("config.pinpoint-import.example", "changed").call());
		assertThat(changed.deployment().at("spec.template.metadata.annotations.checksum/config"))
			.isNotEqualTo(checksum);
	}

	@Test
	void spreadsPodsAcrossZonesAndNodes() {
		Node deployment = defaults.deployment();
		List<?> constraints = (List<?>) deployment.at("spec.template.spec.topologySpreadConstraints");
		assertThat(
				constraints.stream().map((constraint) -> (Object) ((Map<?, ?>) constraint).get("topologyKey")).toList())
			.containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
		assertThat(new Node(constraints.get(0)).at("labelSelector.matchLabels"))
			.isEqualTo(deployment.at("spec.selector.matchLabels"));
	}

	@Test
	void limitsWhoReachesThePodsAndWhereTheyConnect() {
		Node defaultPolicy = defaults.single("NetworkPolicy");
		assertThat(defaultPolicy.at("spec.policyTypes")).isEqualTo(List.of("Ingress"));
		Node fullPolicy = full.single("NetworkPolicy");
		assertThat(fullPolicy.at("spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		assertThat(fullPolicy.at("spec.ingress.1.from.0.namespaceSelector.matchLabels"))
			.isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
		assertThat(fullPolicy.at("spec.egress")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(4);
		assertThat(defaults.single("PodDisruptionBudget").at("spec.maxUnavailable")).isEqualTo(1);
	}

	@Test
	void rejectsValuesTheSchemaForbids() {
		assertThatThrownBy(() -> template().set("replicaCount", "two").call()).hasMessageContaining("replicaCount");
		assertThatThrownBy(() -> template().set("replicasCount", 3).call()).hasMessageContaining("replicasCount");
		assertThatThrownBy(() -> template().set("tracing.enabled", true).call()).hasMessageContaining("otlpEndpoint");
		assertThatThrownBy(() -> template().set("database.url", "postgres://db/x").call())
			.hasMessageContaining("/database/url");
	}

	@Test
	void rendersManifestsValidAgainstTheKubernetesSchemas() throws Exception {
		Path nodeModules = CI_TOOLS.resolve("node_modules");
		boolean installed = Files.isDirectory(nodeModules.resolve("kubernetes-models"));
		if (!installed && System.getenv("CI") != null) {
			throw new AssertionError("CI must install the schema checker first: npm ci --prefix .ci");
		}
		assumeTrue(installed, "Kubernetes schemas not installed: run `npm ci --prefix .ci` (done by .ci/run)");

		Checked valid = checkManifests(RENDERED.resolve("default-values.yaml"), RENDERED.resolve("full-values.yaml"));
		assertThat(valid.exitCode()).as(valid.output()).isZero();
		assertThat(valid.output()).contains("15 valid, 0 invalid manifests");

		String broken = Files.readString(RENDERED.resolve("default-values.yaml"))
			.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true")
			.replace("maxUnavailable: 1", "maxUnavailable: [1]");
		Path brokenFile = RENDERED.resolve("broken.yaml");
		Files.writeString(brokenFile, broken);
		Checked invalid = checkManifests(brokenFile);
		assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(1);
		assertThat(invalid.output()).contains("readOnlyRootFileSystem is not a field of apps/v1 Deployment")
			.contains("FAIL " + brokenFile + ": PodDisruptionBudget");
	}

	private static Checked checkManifests(Path... files) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("node", CI_TOOLS.resolve("check-manifests.mjs").toString()));
		for (Path file : files) {
			command.add(file.toString());
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Checked(process.exitValue(), output);
	}

	private static Map<?, ?> env(Node container, String name) {
		List<?> env = (List<?>) container.at("env");
		return env.stream()
			.map(Map.class::cast)
			.filter((entry) -> name.equals(entry.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no env " + name + " in " + env));
	}

	private static Yaml yaml() {
		return new Yaml(new SafeConstructor(new LoaderOptions()));
	}

	record Checked(int exitCode, String output) {
	}

	/** The documents of one rendering. */
	record Manifests(List<Node> all) {

		static Manifests parse(String rendered) {
			List<Node> documents = new ArrayList<>();
			for (Object document : yaml().loadAll(rendered)) {
				if (document != null) {
					documents.add(new Node(document));
				}
			}
			return new Manifests(documents);
		}

		List<String> kinds() {
			return this.all.stream().map((manifest) -> (String) manifest.at("kind")).toList();
		}

		Node single(String kind) {
			List<Node> matching = this.all.stream().filter((manifest) -> kind.equals(manifest.at("kind"))).toList();
			assertThat(matching).as(kind).hasSize(1);
			return matching.get(0);
		}

		Node deployment() {
			return single("Deployment");
		}

	}

	/**
	 * A parsed YAML value navigated by dotted paths; list items by index, {@code \.}
	 * escapes a dot in a key.
	 */
	record Node(Object value) {

		Object at(String path) {
			Object current = this.value;
			for (String segment : path.split("(?<!\\\\)\\.")) {
				String key = segment.replace("\\.", ".");
				if (current instanceof Map<?, ?> map) {
					current = map.get(key);
				}
				else if (current instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
					int index = Integer.parseInt(key);
					current = index < list.size() ? list.get(index) : null;
				}
				else {
					return null;
				}
			}
			return current;
		}

		Node node(String path) {
			return new Node(Objects.requireNonNull(at(path), path));
		}

	}

}
