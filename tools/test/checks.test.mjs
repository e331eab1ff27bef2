// The checks must fail on broken files, not only pass on good ones: each test breaks one copy of the real
// deployment files in a temporary folder and expects the matching check to report it.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { checkKustomization } from "../check-deploy.mjs";
import { validateCompose } from "../lib/compose.mjs";
import { lintDockerfile } from "../lib/dockerfile.mjs";
import { findRenderer } from "../lib/kustomize.mjs";
import { lintOpenApi } from "../lib/openapi.mjs";
import { toolsDir } from "../lib/run.mjs";

const repo = join(toolsDir, "..");
const renderer = findRenderer();
const needsKustomize = renderer === null ? "no kustomize here (kubectl >= 1.21 or kustomize)" : false;
let work;

before(() => {
	work = mkdtempSync(join(tmpdir(), "deploy-checks-"));
});

after(() => {
	rmSync(work, { recursive: true, force: true });
});

/** A fresh copy of the deployment files, with `edit(text)` applied to one of them. */
function brokenCopy(name, file, edit) {
	const root = join(work, name);
	cpSync(join(repo, "k8s"), join(root, "k8s"), { recursive: true });
	cpSync(join(repo, "docker-compose.yml"), join(root, "docker-compose.yml"));
	cpSync(join(repo, "Dockerfile"), join(root, "Dockerfile"));
	if (file) {
		const path = join(root, file);
		const original = readFileSync(path, "utf8");
		const edited = edit(original);
		assert.notEqual(edited, original, `the edit of ${file} changed nothing`);
		writeFileSync(path, edited);
	}
	return root;
}

function assertReports(problems, pattern) {
	assert.ok(problems.length > 0, "expected the check to fail");
	assert.ok(problems.some((p) => pattern.test(p)), `expected a problem matching ${pattern}, got:\n${problems.join("\n")}`);
}

describe("the real deployment files", () => {
	test("every kustomization renders and validates", { skip: needsKustomize }, async () => {
		for (const dir of ["base", "overlays/strimzi"]) {
			const { objects, problems } = await checkKustomization(join(repo, "k8s", dir), renderer);
			assert.deepEqual(problems, []);
			assert.ok(objects > 5);
		}
	});

	test("docker-compose.yml is valid", () => {
		assert.deepEqual(validateCompose(join(repo, "docker-compose.yml")), []);
	});

	test("the Dockerfile passes the lint", () => {
		assert.deepEqual(lintDockerfile(join(repo, "Dockerfile")), []);
	});
});

describe("a broken manifest fails", () => {
	test("a field of the wrong type fails the Kubernetes schema", async () => {
		const root = brokenCopy("type", "k8s/base/replicas.yaml", (t) => t.replace("replicas: 3", "replicas: three"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /StatefulSet\/replication-lab: .*replicas must be integer/);
	});

	test("a missing required field fails the Kubernetes schema", async () => {
		const root = brokenCopy("required", "k8s/base/replicas-services.yaml", (t) => t.replace("      port: 8080\n      targetPort: http\n---", "      targetPort: http\n---"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /Service\/replication-lab-headless: .*must have required property '?port'?/);
	});

	test("a kustomization naming a missing file does not render", { skip: needsKustomize }, async () => {
		const root = brokenCopy("render", "k8s/base/kustomization.yaml", (t) => t.replace("  - kafka.yaml", "  - kafka-cluster.yaml"));
		await assert.rejects(checkKustomization(join(root, "k8s", "base"), renderer), /kafka-cluster\.yaml/);
	});

	test("a Strimzi resource with an unknown role fails its structural schema", { skip: needsKustomize }, async () => {
		const root = brokenCopy("strimzi", "k8s/overlays/strimzi/kafka-cluster.yaml", (t) => t.replace("    - broker\n", "    - brokers\n"));
		const { problems } = await checkKustomization(join(root, "k8s", "overlays", "strimzi"), renderer);
		assertReports(problems, /KafkaNodePool\/broker: \/spec\/roles\/0 must be equal to one of the allowed values/);
	});

	test("a replication log with several partitions breaks the total order", { skip: needsKustomize }, async () => {
		const root = brokenCopy("partitions", "k8s/overlays/strimzi/replication-log-topic.yaml", (t) => t.replace("partitions: 1", "partitions: 3"));
		const { problems } = await checkKustomization(join(root, "k8s", "overlays", "strimzi"), renderer);
		assertReports(problems, /exactly one partition/);
	});

	test("a token read from a key the Secret lacks fails the topology", { skip: needsKustomize }, async () => {
		const root = brokenCopy("secret", "k8s/base/replicas.yaml", (t) => t.replace("key: cluster-token", "key: token"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /REPLICA_CLUSTER_TOKEN reads key token of Secret replication-lab-token-\w+, which is not rendered/);
	});

	test("a peer list that misses a pod fails the topology", { skip: needsKustomize }, async () => {
		const root = brokenCopy("peers", "k8s/base/replicas.yaml", (t) => t.replace("replicas: 3", "replicas: 4"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /REPLICA_PEERS must list the 4 pods/);
	});
});

describe("a manifest that breaks a deployment rule fails", () => {
	test("a peer list naming the namespace fails the topology", { skip: needsKustomize }, async () => {
		const root = brokenCopy("ns", "k8s/base/kustomization.yaml", (t) => t.replace("replication-lab-0.replication-lab-headless:8080", "replication-lab-0.replication-lab-headless.replication-lab.svc.cluster.local:8080"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /names a namespace in a DNS name/);
	});

	test("a replica pod with a service account token fails", { skip: needsKustomize }, async () => {
		const root = brokenCopy("token", "k8s/base/replicas.yaml", (t) => t.replace("automountServiceAccountToken: false", "automountServiceAccountToken: true"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /StatefulSet replication-lab: automountServiceAccountToken must be false/);
	});

	test("the image tag latest fails", { skip: needsKustomize }, async () => {
		const root = brokenCopy("latest", "k8s/base/kustomization.yaml", (t) => t.replace("newTag: 0.1.0", "newTag: latest"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /must have a pinned tag/);
	});

	test("replicas without anti-affinity fail", { skip: needsKustomize }, async () => {
		const root = brokenCopy("affinity", "k8s/base/replicas.yaml", (t) => t.replace("topologyKey: kubernetes.io/hostname", "topologyKey: topology.kubernetes.io/zone"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /anti-affinity across nodes/);
	});

	test("a NetworkPolicy that admits everyone fails", { skip: needsKustomize }, async () => {
		const root = brokenCopy("policy", "k8s/base/network-policies.yaml", (t) => t.replace(/  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io\/name: replication-lab\n              app.kubernetes.io\/component: replica\n      ports:/, "  ingress:\n    - ports:"));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /NetworkPolicy replication-lab-replicas: an ingress rule without 'from' admits everyone/);
	});

	test("no NetworkPolicy for the replicas fails", { skip: needsKustomize }, async () => {
		const root = brokenCopy("nopolicy", "k8s/base/kustomization.yaml", (t) => t.replace("  - network-policies.yaml\n", ""));
		const { problems } = await checkKustomization(join(root, "k8s", "base"), renderer);
		assertReports(problems, /no NetworkPolicy restricts ingress to the replicas/);
	});
});

describe("a broken compose file fails", () => {
	test("a stop_grace_period shorter than Spring's shutdown fails", () => {
		const root = brokenCopy("grace", "docker-compose.yml", (t) => t.replace("stop_grace_period: 60s", "stop_grace_period: 30s"));
		mkdirSync(join(root, "src", "main", "resources"), { recursive: true });
		cpSync(join(repo, "src", "main", "resources", "application.yml"), join(root, "src", "main", "resources", "application.yml"));
		assertReports(validateCompose(join(root, "docker-compose.yml")), /stop_grace_period 30s must exceed two shutdown phases of 20s/);
	});

	test("a misspelt key fails the Compose schema", () => {
		const root = brokenCopy("compose-key", "docker-compose.yml", (t) => t.replace("    healthcheck:\n      test: [\"CMD\", \"/opt/kafka", "    helthcheck:\n      test: [\"CMD\", \"/opt/kafka"));
		const problems = validateCompose(join(root, "docker-compose.yml"));
		assertReports(problems, /\/services\/kafka must NOT have additional properties \(helthcheck\)/);
		assertReports(problems, /dclint: .*invalid-schema/s);
	});

	test("an unknown depends_on condition fails the Compose schema", () => {
		const root = brokenCopy("compose-condition", "docker-compose.yml", (t) => t.replace("condition: service_healthy", "condition: service_ready"));
		assertReports(validateCompose(join(root, "docker-compose.yml")), /condition must be equal to one of the allowed values/);
	});

	test("a port open on every interface fails dclint", () => {
		const root = brokenCopy("compose-port", "docker-compose.yml", (t) => t.replace("\"127.0.0.1:8081:8080\"", "\"8081:8080\""));
		assertReports(validateCompose(join(root, "docker-compose.yml")), /no-unbound-port-interfaces/);
	});
});

describe("a broken Dockerfile fails", () => {
	test("a HEALTHCHECK that starts a JVM", () => {
		const root = brokenCopy("jvmcheck", "Dockerfile", (t) => t.replace(/CMD curl .*/, 'CMD ["java", "-cp", "/opt/healthcheck", "HealthCheck"]'));
		assertReports(lintDockerfile(join(root, "Dockerfile")), /starts a JVM/);
	});

	test("an unknown instruction", () => {
		const root = brokenCopy("dockerfile-instruction", "Dockerfile", (t) => t.replace("COPY src src", "COPPY src src"));
		assertReports(lintDockerfile(join(root, "Dockerfile")), /Unknown instruction: COPPY/);
	});

	test("an unknown HEALTHCHECK flag", () => {
		const root = brokenCopy("dockerfile-flag", "Dockerfile", (t) => t.replace("--start-period=60s", "--start-periods=60s"));
		assertReports(lintDockerfile(join(root, "Dockerfile")), /Unknown flag: start-periods/);
	});

	test("a runtime stage left running as root", () => {
		const root = brokenCopy("dockerfile-root", "Dockerfile", (t) => t.replace("USER 10001:10001\n", ""));
		assertReports(lintDockerfile(join(root, "Dockerfile")), /non-root USER/);
	});

	test("a runtime stage without the data volume", () => {
		const root = brokenCopy("dockerfile-volume", "Dockerfile", (t) => t.replace("VOLUME /data\n", ""));
		assertReports(lintDockerfile(join(root, "Dockerfile")), /VOLUME \/data/);
	});
});

describe("a broken OpenAPI document fails", () => {
	test("an operation without responses and a bad reference", () => {
		const file = join(work, "openapi.json");
		writeFileSync(file, JSON.stringify({
			openapi: "3.1.0",
			info: { title: "broken", version: "1" },
			paths: { "/api/x": { get: { operationId: "x", responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Missing" } } } } } } } },
		}));
		assertReports(lintOpenApi(file), /no-unresolved-refs|Can't resolve/);
	});

	test("a missing document", () => {
		assertReports(lintOpenApi(join(work, "absent.json")), /is missing/);
	});
});
