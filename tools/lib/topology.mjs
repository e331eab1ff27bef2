/**
 * What the schemas cannot see in rendered manifests: that the pieces point at each other. The peer list names
 * exactly the StatefulSet's pods under its headless Service, the bootstrap servers name a Kafka that the same
 * rendering creates, and (with Strimzi) the replication log is one partition replicated as the replicas expect.
 */
export function checkTopology(objects) {
	const problems = [];
	const byKind = (kind) => objects.filter((o) => o.kind === kind);
	const config = byKind("ConfigMap").find((o) => o.metadata.name.startsWith("replication-lab-config"));
	const replicas = byKind("StatefulSet").find((o) => o.metadata.name === "replication-lab");
	if (!config || !replicas) {
		return ["the replication-lab StatefulSet and its ConfigMap replication-lab-config must be rendered"];
	}
	const env = config.data ?? {};
	const service = byKind("Service").find((o) => o.metadata.name === replicas.spec.serviceName);
	if (!service || service.spec.clusterIP !== "None" || service.spec.publishNotReadyAddresses !== true) {
		problems.push(`serviceName ${replicas.spec.serviceName} must be a rendered headless Service with publishNotReadyAddresses: true`);
	}
	for (const problem of checkReferences(replicas, objects)) {
		problems.push(problem);
	}
	problems.push(...checkPodRules(replicas, objects));
	for (const set of byKind("StatefulSet").filter((o) => o !== replicas)) {
		if (set.spec.template.spec.automountServiceAccountToken !== false) {
			problems.push(`StatefulSet ${set.metadata.name}: automountServiceAccountToken must be false (it never calls the API)`);
		}
	}
	if (Object.values(env).some((value) => /\.svc(\.cluster\.local)?\b/.test(String(value)))) {
		problems.push("the replicas' configuration names a namespace in a DNS name (.svc...): use namespace-relative names");
	}
	const port = env.SERVER_PORT;
	// Namespace-relative names (resolved through the pod's search domains): the manifests work in any namespace.
	const expectedPeers = Array.from({ length: replicas.spec.replicas }, (_, i) => {
		const pod = `${replicas.metadata.name}-${i}`;
		return `${pod}=http://${pod}.${replicas.spec.serviceName}:${port}`;
	}).join(",");
	if (env.REPLICA_PEERS !== expectedPeers) {
		problems.push(`REPLICA_PEERS must list the ${replicas.spec.replicas} pods: expected ${expectedPeers}, found ${env.REPLICA_PEERS}`);
	}
	const bootstrap = String(env.SPRING_KAFKA_BOOTSTRAP_SERVERS ?? "");
	const kafkaClusters = byKind("Kafka");
	const kafkaSets = byKind("StatefulSet").filter((o) => o.metadata.name !== replicas.metadata.name);
	if (kafkaClusters.length > 0) {
		if (kafkaSets.length > 0) {
			problems.push(`with Strimzi, the single-node Kafka must be gone (found StatefulSet ${kafkaSets.map((o) => o.metadata.name)})`);
		}
		const cluster = kafkaClusters[0].metadata.name;
		if (!bootstrap.startsWith(`${cluster}-kafka-bootstrap:`)) {
			problems.push(`SPRING_KAFKA_BOOTSTRAP_SERVERS must name Strimzi's ${cluster}-kafka-bootstrap service, found ${bootstrap}`);
		}
		const topic = byKind("KafkaTopic").find((o) => (o.spec.topicName ?? o.metadata.name) === env.TOTALORDER_TOPIC);
		if (!topic) {
			problems.push(`no KafkaTopic for TOTALORDER_TOPIC=${env.TOTALORDER_TOPIC}`);
		}
		else {
			if (topic.spec.partitions !== 1) {
				problems.push(`the replication log must have exactly one partition (total order), found ${topic.spec.partitions}`);
			}
			if (String(topic.spec.replicas) !== String(env.TOTALORDER_REPLICATION_FACTOR)) {
				problems.push(`TOTALORDER_REPLICATION_FACTOR=${env.TOTALORDER_REPLICATION_FACTOR} differs from the KafkaTopic's replicas ${topic.spec.replicas}`);
			}
			const minIsr = Number(topic.spec.config?.["min.insync.replicas"] ?? kafkaClusters[0].spec.kafka.config?.["min.insync.replicas"] ?? 1);
			if (topic.spec.replicas < 3 || minIsr !== 2) {
				problems.push(`past one machine the log needs replicas >= 3 and min.insync.replicas = 2, found ${topic.spec.replicas} and ${minIsr}`);
			}
		}
		const brokers = byKind("KafkaNodePool").filter((p) => p.spec.roles.includes("broker")).reduce((n, p) => n + p.spec.replicas, 0);
		if (brokers < Number(env.TOTALORDER_REPLICATION_FACTOR)) {
			problems.push(`${brokers} brokers cannot hold ${env.TOTALORDER_REPLICATION_FACTOR} replicas of the log`);
		}
	}
	else {
		const kafka = kafkaSets.find((o) => bootstrap.startsWith(`${o.metadata.name}-0.${o.spec.serviceName}:`));
		if (!kafka) {
			problems.push(`SPRING_KAFKA_BOOTSTRAP_SERVERS=${bootstrap} names no rendered Kafka StatefulSet pod`);
		}
		if (Number(env.TOTALORDER_REPLICATION_FACTOR) > (kafka?.spec.replicas ?? 1)) {
			problems.push(`TOTALORDER_REPLICATION_FACTOR=${env.TOTALORDER_REPLICATION_FACTOR} exceeds the single-node Kafka`);
		}
	}
	return problems;
}

/**
 * The replicas' pods: no service account token, an image with a pinned tag, anti-affinity preferred across nodes,
 * and a NetworkPolicy that admits only the replicas themselves to them.
 */
function checkPodRules(statefulSet, objects) {
	const problems = [];
	const pod = statefulSet.spec.template.spec;
	const labels = statefulSet.spec.template.metadata.labels ?? {};
	if (pod.automountServiceAccountToken !== false) {
		problems.push(`StatefulSet ${statefulSet.metadata.name}: automountServiceAccountToken must be false (a replica never calls the API)`);
	}
	for (const container of pod.containers) {
		const tag = /:([^:/@]+)$/.exec(container.image)?.[1];
		if (!tag || tag === "latest") {
			problems.push(`${container.name}: image ${container.image} must have a pinned tag, not latest or none`);
		}
	}
	const selects = (selector) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
	const spread = pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
	if (!spread.some((term) => term.podAffinityTerm?.topologyKey === "kubernetes.io/hostname" && selects(term.podAffinityTerm.labelSelector))) {
		problems.push(`StatefulSet ${statefulSet.metadata.name}: pod anti-affinity across nodes (kubernetes.io/hostname) must be preferred`);
	}
	const policies = objects.filter((o) => o.kind === "NetworkPolicy" && selects(o.spec.podSelector) && (o.spec.policyTypes ?? ["Ingress"]).includes("Ingress"));
	if (policies.length === 0) {
		problems.push("no NetworkPolicy restricts ingress to the replicas");
	}
	for (const policy of policies) {
		for (const rule of policy.spec.ingress ?? []) {
			if (!rule.from || rule.from.length === 0) {
				problems.push(`NetworkPolicy ${policy.metadata.name}: an ingress rule without 'from' admits everyone`);
			}
		}
	}
	return problems;
}

/** Every ConfigMap and Secret the replicas' pods reference (and each key they read) is rendered. */
function checkReferences(statefulSet, objects) {
	const problems = [];
	const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
	for (const container of statefulSet.spec.template.spec.containers) {
		for (const source of container.envFrom ?? []) {
			if (source.configMapRef && !find("ConfigMap", source.configMapRef.name)) {
				problems.push(`${container.name}: envFrom names ConfigMap ${source.configMapRef.name}, which is not rendered`);
			}
			if (source.secretRef && !find("Secret", source.secretRef.name)) {
				problems.push(`${container.name}: envFrom names Secret ${source.secretRef.name}, which is not rendered`);
			}
		}
		for (const variable of container.env ?? []) {
			for (const [kind, ref] of [["Secret", variable.valueFrom?.secretKeyRef], ["ConfigMap", variable.valueFrom?.configMapKeyRef]]) {
				if (ref) {
					const object = find(kind, ref.name);
					if (!object || !(ref.key in (object.data ?? {}) || ref.key in (object.stringData ?? {}))) {
						problems.push(`${container.name}: ${variable.name} reads key ${ref.key} of ${kind} ${ref.name}, which is not rendered`);
					}
				}
			}
		}
	}
	return problems;
}
