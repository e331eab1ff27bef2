package io.replicationlab.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.replicationlab.replica.ReplicaProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import static io.replicationlab.deploy.DeploymentFiles.asMap;
import static io.replicationlab.deploy.DeploymentFiles.list;
import static io.replicationlab.deploy.DeploymentFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What schemas cannot check: that the deployment files and the application agree. The
 * probe and health check paths answer in the running application, every environment
 * variable given to a replica is a property it reads (Spring's relaxed binding, as at run
 * time), the ports line up, the data directory is the mounted volume, and the ids and
 * peer lists the files give are ones the application accepts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "replica.id=deploy-test", "replica.data-dir=target/deploy-tests/${random.uuid}" })
class DeploymentConsistencyTests {

	/**
	 * Switches Spring Boot reads through a condition, not through a
	 * {@code @ConfigurationProperties} bean, so the scan below cannot find them: Zipkin's
	 * export switch ({@code @ConditionalOnEnabledTracingExport}).
	 */
	private static final Set<String> CONDITION_SWITCHES = Set.of("management.tracing.export.zipkin.enabled");

	/** Read by the JVM launcher itself, not by the application. */
	private static final Set<String> JVM_VARIABLES = Set.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS");

	private static final Pattern ACTUATOR_PATH = Pattern.compile("/actuator/[A-Za-z0-9/_-]+");

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void everyProbeAndHealthCheckPathAnswersInTheRunningApplication() throws Exception {
		Set<String> paths = new TreeSet<>();
		Map<String, Object> container = DeploymentFiles.replicaContainer();
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			paths.add((String) map(map(container, probe), "httpGet").get("path"));
		}
		Map<String, Object> podMetadata = map(map(map(DeploymentFiles.statefulSet(), "spec"), "template"), "metadata");
		paths.add((String) map(podMetadata, "annotations").get("prometheus.io/path"));
		DeploymentFiles.dockerfileInstructions("HEALTHCHECK")
			.forEach((healthCheck) -> paths.addAll(actuatorPaths(healthCheck)));
		DeploymentFiles.composeReplicas()
			.values()
			.forEach((service) -> paths.addAll(actuatorPaths(String.valueOf(map(service, "healthcheck").get("test")))));

		assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus");
		for (String path : paths) {
			assertThat(get(path)).as("GET %s", path).isEqualTo(200);
		}
	}

	@Test
	void thePagesTheDeployGuideSendsUsersToAnswer() throws Exception {
		String readme = DeploymentFiles.read("docs/deploy.md");
		for (String path : List.of("/swagger-ui.html", "/actuator/health/readiness", "/actuator/prometheus")) {
			assertThat(readme).contains(path);
		}
		assertThat(get("/swagger-ui.html")).as("Swagger UI").isEqualTo(200);
		assertThat(get("/v3/api-docs")).isEqualTo(200);
	}

	@Test
	void everyEnvironmentVariableGivenToAReplicaIsAPropertyTheApplicationReads() {
		Set<ConfigurationPropertyName> known = knownProperties();
		Map<String, String> sources = environmentVariables();

		assertThat(readAs("REPLICA_PEER", known)).as("a misspelt variable sets nothing").isEmpty();
		assertThat(readAs("REPLICA_DATA_DIR", known)).contains(ConfigurationPropertyName.of("replica.data-dir"));
		assertThat(sources).containsKeys("REPLICA_ID", "REPLICA_PEERS", "REPLICA_DATA_DIR", "REPLICA_CLUSTER_TOKEN",
				"SERVER_PORT", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
		sources.forEach((name, source) -> {
			if (!JVM_VARIABLES.contains(name)) {
				assertThat(readAs(name, known)).as("%s (in %s) sets no property the application reads", name, source)
					.isPresent();
			}
		});
	}

	/**
	 * The allowlist cannot go stale: a switch the scan finds needs no entry, and one no
	 * deployment file sets has nothing to excuse.
	 */
	@Test
	void everyConditionSwitchIsStillNeeded() {
		Set<ConfigurationPropertyName> scanned = scannedProperties();
		Set<String> variables = environmentVariables().keySet();
		for (String name : CONDITION_SWITCHES) {
			ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
			assertThat(scanned).as("%s is found by the scan: remove it from CONDITION_SWITCHES", name)
				.doesNotContain(property);
			assertThat(variables).as("%s is set by no deployment file: remove it from CONDITION_SWITCHES", name)
				.anySatisfy((variable) -> assertThat(readAs(variable, Set.of(property))).isPresent());
		}
	}

	@Test
	void containerPortServerPortAndProbePortAreOne() {
		Map<String, Object> container = DeploymentFiles.replicaContainer();
		Map<String, Object> http = list(container, "ports").stream()
			.filter((port) -> "http".equals(port.get("name")))
			.findFirst()
			.orElseThrow();
		String containerPort = String.valueOf(http.get("containerPort"));
		for (String kustomization : DeploymentFiles.KUSTOMIZATIONS) {
			assertThat(DeploymentFiles.kubernetesEnvironment(kustomization)).as(kustomization)
				.containsEntry("SERVER_PORT", containerPort);
		}
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(String.valueOf(map(map(container, probe), "httpGet").get("port"))).as(probe)
				.isIn("http", containerPort);
		}
		Map<String, Object> podMetadata = map(map(map(DeploymentFiles.statefulSet(), "spec"), "template"), "metadata");
		assertThat(map(podMetadata, "annotations")).containsEntry("prometheus.io/port", containerPort);
		for (Map<String, Object> service : DeploymentFiles.yamlDocuments("k8s/base/replicas-services.yaml")) {
			for (Map<String, Object> port : list(map(service, "spec"), "ports")) {
				assertThat(String.valueOf(port.get("targetPort"))).isIn("http", containerPort);
			}
		}

		Map<String, String> image = DeploymentFiles.dockerfileEnvironment();
		assertThat(DeploymentFiles.dockerfileInstructions("EXPOSE")).containsExactly(image.get("SERVER_PORT"));
		assertThat(image.get("SERVER_PORT")).isEqualTo(containerPort);

		DeploymentFiles.composeReplicas().forEach((name, service) -> {
			String serverPort = DeploymentFiles.composeEnvironment(service).get("SERVER_PORT");
			assertThat(serverPort).as(name).isEqualTo(containerPort);
			for (Object mapping : (List<?>) service.get("ports")) {
				String text = String.valueOf(mapping);
				assertThat(text.substring(text.lastIndexOf(':') + 1)).as("%s port %s", name, text)
					.isEqualTo(serverPort);
			}
		});
	}

	@Test
	void composeKubernetesAndTestcontainersRunTheSameKafka() {
		Map<String, Object> kafkaService = map(
				map(DeploymentFiles.yamlDocuments("docker-compose.yml").get(0), "services"), "kafka");
		Map<String, Object> kafkaSet = DeploymentFiles.kubernetesObject("k8s/base/kafka.yaml", "StatefulSet", "kafka");
		String kubernetesImage = (String) list(map(map(map(kafkaSet, "spec"), "template"), "spec"), "containers").get(0)
			.get("image");
		assertThat(kafkaService.get("image")).isEqualTo(kubernetesImage)
			.isEqualTo(TestcontainersKafkaTests.KAFKA_IMAGE);
	}

	@Test
	void theDataDirectoryIsTheMountedVolume() {
		Map<String, Object> container = DeploymentFiles.replicaContainer();
		String claim = (String) map(list(map(DeploymentFiles.statefulSet(), "spec"), "volumeClaimTemplates").get(0),
				"metadata")
			.get("name");
		String mountPath = list(container, "volumeMounts").stream()
			.filter((mount) -> claim.equals(mount.get("name")))
			.map((mount) -> (String) mount.get("mountPath"))
			.findFirst()
			.orElseThrow();
		for (String kustomization : DeploymentFiles.KUSTOMIZATIONS) {
			assertThat(DeploymentFiles.kubernetesEnvironment(kustomization)).containsEntry("REPLICA_DATA_DIR",
					mountPath);
		}

		Map<String, String> image = DeploymentFiles.dockerfileEnvironment();
		assertThat(DeploymentFiles.dockerfileInstructions("VOLUME")).containsExactly(image.get("REPLICA_DATA_DIR"));

		Set<String> namedVolumes = new LinkedHashSet<>();
		DeploymentFiles.composeReplicas().forEach((name, service) -> {
			String dataDir = DeploymentFiles.composeEnvironment(service).get("REPLICA_DATA_DIR");
			List<String> mounts = ((List<?>) service.get("volumes")).stream().map(String::valueOf).toList();
			assertThat(mounts).as(name).anySatisfy((mount) -> assertThat(mount).endsWith(":" + dataDir));
			mounts.forEach((mount) -> namedVolumes.add(mount.substring(0, mount.indexOf(':'))));
		});
		assertThat(namedVolumes).as("one volume per replica").hasSize(DeploymentFiles.composeReplicas().size());
	}

	@Test
	void theApplicationAcceptsTheIdsAndPeerListsTheFilesGive() {
		Map<String, Object> container = DeploymentFiles.replicaContainer();
		Map<String, Object> replicaId = list(container, "env").stream()
			.filter((variable) -> "REPLICA_ID".equals(variable.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(map(map(replicaId, "valueFrom"), "fieldRef")).containsEntry("fieldPath", "metadata.name");

		Map<String, Object> statefulSet = DeploymentFiles.statefulSet();
		int replicas = (Integer) map(statefulSet, "spec").get("replicas");
		for (String kustomization : DeploymentFiles.KUSTOMIZATIONS) {
			Map<String, String> environment = new LinkedHashMap<>(DeploymentFiles.kubernetesEnvironment(kustomization));
			environment.put("REPLICA_CLUSTER_TOKEN", "from-the-secret");
			for (int ordinal = 0; ordinal < replicas; ordinal++) {
				environment.put("REPLICA_ID", map(statefulSet, "metadata").get("name") + "-" + ordinal);
				assertAccepted(environment, replicas, kustomization);
			}
		}
		Map<String, Map<String, Object>> services = DeploymentFiles.composeReplicas();
		services.forEach((name, service) -> assertAccepted(DeploymentFiles.composeEnvironment(service), services.size(),
				"docker-compose.yml " + name));
	}

	private void assertAccepted(Map<String, String> environment, int clusterSize, String source) {
		ReplicaProperties replica = new Binder(ConfigurationPropertySource.from(environmentSource(environment)))
			.bind("replica", ReplicaProperties.class)
			.get();
		assertThat(replica.id()).as(source).isEqualTo(environment.get("REPLICA_ID"));
		assertThat(replica.dataDir()).as(source).isEqualTo(Path.of(environment.get("REPLICA_DATA_DIR")));
		assertThat(replica.peerUrls()).as("%s: the peers of %s", source, replica.id())
			.hasSize(clusterSize - 1)
			.doesNotContainKey(replica.id())
			.allSatisfy(
					(id, url) -> assertThat(url.getPort()).isEqualTo(Integer.parseInt(environment.get("SERVER_PORT"))));
	}

	/**
	 * The property an environment variable sets, found the way Spring Boot finds it at
	 * run time.
	 */
	private static Optional<ConfigurationPropertyName> readAs(String variable, Set<ConfigurationPropertyName> known) {
		ConfigurationPropertySource source = ConfigurationPropertySource.from(environmentSource(Map.of(variable, "x")));
		return known.stream().filter((name) -> source.getConfigurationProperty(name) != null).findFirst();
	}

	private static SystemEnvironmentPropertySource environmentSource(Map<String, String> variables) {
		return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new LinkedHashMap<>(variables));
	}

	/**
	 * Every property of the application's {@code @ConfigurationProperties} beans (its own
	 * records and Spring Boot's, e.g. {@code server.port},
	 * {@code spring.kafka.bootstrap-servers}), plus {@link #CONDITION_SWITCHES}.
	 */
	private Set<ConfigurationPropertyName> knownProperties() {
		Set<ConfigurationPropertyName> known = scannedProperties();
		CONDITION_SWITCHES.forEach((name) -> known.add(ConfigurationPropertyName.of(name)));
		return known;
	}

	/** Every property of the application's {@code @ConfigurationProperties} beans. */
	private Set<ConfigurationPropertyName> scannedProperties() {
		Set<ConfigurationPropertyName> scanned = new LinkedHashSet<>();
		ConfigurationPropertiesBean.getAll(this.context)
			.values()
			.forEach((bean) -> addProperties(bean.getAnnotation().prefix(), ClassUtils.getUserClass(bean.getInstance()),
					scanned, 0));
		return scanned;
	}

	/**
	 * Every environment variable the deployment files give a replica, with the first file
	 * that gives it.
	 */
	private static Map<String, String> environmentVariables() {
		Map<String, String> sources = new LinkedHashMap<>();
		for (String kustomization : DeploymentFiles.KUSTOMIZATIONS) {
			DeploymentFiles.kubernetesEnvironment(kustomization)
				.keySet()
				.forEach((name) -> sources.put(name, kustomization));
		}
		DeploymentFiles.composeReplicas()
			.forEach((service, definition) -> DeploymentFiles.composeEnvironment(definition)
				.keySet()
				.forEach((name) -> sources.put(name, "docker-compose.yml " + service)));
		DeploymentFiles.dockerfileEnvironment().keySet().forEach((name) -> sources.putIfAbsent(name, "Dockerfile"));
		return sources;
	}

	/**
	 * The properties of one settings type under a prefix, and of its nested settings
	 * types (Boot's, e.g. {@code management.tracing.sampling.probability}), a few levels
	 * deep.
	 */
	private static void addProperties(String prefix, Class<?> type, Set<ConfigurationPropertyName> known, int depth) {
		if (type.isRecord()) {
			for (var component : type.getRecordComponents()) {
				known.add(ConfigurationPropertyName.of(prefix + "." + kebab(component.getName())));
			}
			return;
		}
		for (var descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + "." + kebab(descriptor.getName());
			known.add(ConfigurationPropertyName.of(name));
			Class<?> nested = descriptor.getPropertyType();
			if (depth < 3 && nested.getEnclosingClass() != null && !nested.isEnum()
					&& !BeanUtils.isSimpleValueType(nested)) {
				addProperties(name, nested, known, depth + 1);
			}
		}
	}

	private static String kebab(String camelCase) {
		return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static List<String> actuatorPaths(String text) {
		List<String> paths = new ArrayList<>();
		Matcher matcher = ACTUATOR_PATH.matcher(text);
		while (matcher.find()) {
			paths.add(matcher.group());
		}
		return paths;
	}

	private int get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build();
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
		return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
