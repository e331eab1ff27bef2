package io.replicationlab.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files as the application sees them: the replica container of the
 * Kubernetes StatefulSet, the environment the kustomizations generate for it, the replica
 * services of docker-compose.yml and the Dockerfile. Read from the source files (the
 * rendering itself is checked by tools/check-deploy.mjs).
 */
final class DeploymentFiles {

	static final Path ROOT = Path.of("").toAbsolutePath();

	static final List<String> KUSTOMIZATIONS = List.of("k8s/base", "k8s/overlays/strimzi");

	private DeploymentFiles() {
	}

	static String read(String path) {
		try {
			return Files.readString(ROOT.resolve(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String path) {
		Yaml yaml = new Yaml(new LoaderOptions());
		return StreamSupport.stream(yaml.loadAll(read(path)).spliterator(), false)
			.filter(Map.class::isInstance)
			.map((document) -> (Map<String, Object>) document)
			.toList();
	}

	static Map<String, Object> kubernetesObject(String path, String kind, String name) {
		return yamlDocuments(path).stream()
			.filter((object) -> kind.equals(object.get("kind")) && name.equals(map(object, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(kind + "/" + name + " not in " + path));
	}

	/** The replicas' StatefulSet in the base. */
	static Map<String, Object> statefulSet() {
		return kubernetesObject("k8s/base/replicas.yaml", "StatefulSet", "replication-lab");
	}

	/** The (only) container of the replicas' pods. */
	static Map<String, Object> replicaContainer() {
		Map<String, Object> podSpec = map(map(map(statefulSet(), "spec"), "template"), "spec");
		return list(podSpec, "containers").get(0);
	}

	/**
	 * The environment a replica pod gets in the given kustomization: the ConfigMap
	 * literals of the base, merged with the overlay's, plus the container's own
	 * {@code env} names (with {@code null} values: fieldRef/secret).
	 */
	static Map<String, String> kubernetesEnvironment(String kustomization) {
		Map<String, String> environment = new LinkedHashMap<>();
		configMapLiterals("k8s/base", environment);
		if (!kustomization.equals("k8s/base")) {
			configMapLiterals(kustomization, environment);
		}
		for (Map<String, Object> variable : list(replicaContainer(), "env")) {
			environment.put((String) variable.get("name"), (String) variable.get("value"));
		}
		return environment;
	}

	private static void configMapLiterals(String kustomization, Map<String, String> into) {
		Map<String, Object> file = yamlDocuments(kustomization + "/kustomization.yaml").get(0);
		for (Map<String, Object> generator : list(file, "configMapGenerator")) {
			if ("replication-lab-config".equals(generator.get("name"))) {
				for (Object literal : (List<?>) generator.get("literals")) {
					String text = (String) literal;
					into.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
				}
			}
		}
	}

	/** The compose services built from the Dockerfile (the replicas), by name. */
	static Map<String, Map<String, Object>> composeReplicas() {
		Map<String, Object> services = map(yamlDocuments("docker-compose.yml").get(0), "services");
		Map<String, Map<String, Object>> replicas = new LinkedHashMap<>();
		services.forEach((name, service) -> {
			Map<String, Object> definition = asMap(service);
			if (definition.containsKey("build")) {
				replicas.put(name, definition);
			}
		});
		return replicas;
	}

	static Map<String, String> composeEnvironment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		map(service, "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
		return environment;
	}

	/** Every {@code ENV NAME=value} of the Dockerfile's last stage. */
	static Map<String, String> dockerfileEnvironment() {
		String lastStage = lastStage();
		Map<String, String> environment = new LinkedHashMap<>();
		Matcher env = Pattern.compile("(?m)^ENV\\s+((?:.*\\\\\\n)*.*)$").matcher(lastStage);
		while (env.find()) {
			Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(env.group(1));
			while (pair.find()) {
				environment.put(pair.group(1), pair.group(2).replace("\"", ""));
			}
		}
		return environment;
	}

	/**
	 * The arguments of the last stage's instruction (first occurrence), continuation
	 * lines joined.
	 */
	static List<String> dockerfileInstructions(String keyword) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile("(?m)^" + keyword + "\\s+((?:.*\\\\\\n)*.*)$").matcher(lastStage());
		while (matcher.find()) {
			found.add(matcher.group(1).replaceAll("\\\\\\n\\s*", " ").trim());
		}
		return found;
	}

	private static String lastStage() {
		String dockerfile = read("Dockerfile");
		return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	static Map<String, Object> map(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		if (!(value instanceof Map)) {
			throw new IllegalStateException("'" + key + "' is not a map in " + parent.keySet());
		}
		return asMap(value);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
		Object value = parent.get(key);
		return (value instanceof List) ? (List<Map<String, Object>>) value : List.of();
	}

}
