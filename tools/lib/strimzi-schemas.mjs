/**
 * Structural schemas for the Strimzi custom resources the strimzi overlay uses (kafka.strimzi.io/v1). Strimzi's
 * full CRD schemas are published only as assets of its GitHub releases (strimzi-crds-<version>.yaml): neither npm
 * nor Maven Central carries them (io.strimzi:api holds the Java model, no CRD YAML), so they cannot be vendored from
 * the registries these checks may use. These check the shape and the fields this project relies on, and reject
 * unknown fields in the parts written here (a typo there would otherwise be ignored by the operator).
 */
const metadata = {
	type: "object",
	required: ["name"],
	properties: {
		name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
		namespace: { type: "string" },
		labels: { type: "object", additionalProperties: { type: "string" } },
		annotations: { type: "object", additionalProperties: { type: "string" } },
	},
};

const clusterLabel = {
	type: "object",
	required: ["labels"],
	properties: { labels: { type: "object", required: ["strimzi.io/cluster"] } },
};

const config = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } };

const storageVolume = {
	type: "object",
	required: ["id", "type"],
	additionalProperties: false,
	properties: {
		id: { type: "integer", minimum: 0 },
		type: { enum: ["ephemeral", "persistent-claim"] },
		size: { type: "string", pattern: "^[0-9]+([KMGTPE]i?)?$" },
		class: { type: "string" },
		deleteClaim: { type: "boolean" },
		kraftMetadata: { enum: ["shared"] },
	},
};

function resource(kind, spec) {
	return {
		type: "object",
		required: ["apiVersion", "kind", "metadata", "spec"],
		properties: {
			apiVersion: { const: "kafka.strimzi.io/v1" },
			kind: { const: kind },
			metadata,
			spec,
		},
	};
}

export const strimziSchemas = {
	Kafka: resource("Kafka", {
		type: "object",
		required: ["kafka"],
		additionalProperties: false,
		properties: {
			kafka: {
				type: "object",
				required: ["listeners"],
				additionalProperties: false,
				properties: {
					version: { type: "string", pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" },
					metadataVersion: { type: "string" },
					replicas: { type: "integer" },
					listeners: {
						type: "array",
						minItems: 1,
						items: {
							type: "object",
							required: ["name", "port", "type", "tls"],
							additionalProperties: false,
							properties: {
								name: { type: "string", pattern: "^[a-z0-9]{1,11}$" },
								port: { type: "integer", minimum: 9092 },
								type: { enum: ["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"] },
								tls: { type: "boolean" },
								authentication: { type: "object" },
								configuration: { type: "object" },
								networkPolicyPeers: { type: "array", items: { type: "object" } },
							},
						},
					},
					config,
					resources: { type: "object" },
					jvmOptions: { type: "object" },
					authorization: { type: "object" },
					template: { type: "object" },
					metricsConfig: { type: "object" },
					logging: { type: "object" },
				},
			},
			entityOperator: {
				type: "object",
				additionalProperties: false,
				properties: { topicOperator: { type: "object" }, userOperator: { type: "object" }, template: { type: "object" } },
			},
			cruiseControl: { type: "object" },
			kafkaExporter: { type: "object" },
		},
	}),
	KafkaNodePool: {
		allOf: [
			resource("KafkaNodePool", {
				type: "object",
				required: ["replicas", "roles", "storage"],
				additionalProperties: false,
				properties: {
					replicas: { type: "integer", minimum: 0 },
					roles: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["controller", "broker"] } },
					storage: {
						type: "object",
						required: ["type"],
						additionalProperties: false,
						properties: {
							type: { enum: ["jbod", "ephemeral", "persistent-claim"] },
							volumes: { type: "array", minItems: 1, items: storageVolume },
							size: { type: "string" },
							deleteClaim: { type: "boolean" },
						},
					},
					resources: { type: "object" },
					jvmOptions: { type: "object" },
					template: { type: "object" },
				},
			}),
			{ properties: { metadata: clusterLabel } },
		],
	},
	KafkaTopic: {
		allOf: [
			resource("KafkaTopic", {
				type: "object",
				required: ["partitions", "replicas"],
				additionalProperties: false,
				properties: {
					topicName: { type: "string", pattern: "^[a-zA-Z0-9._-]{1,249}$" },
					partitions: { type: "integer", minimum: 1 },
					replicas: { type: "integer", minimum: 1, maximum: 32767 },
					config,
				},
			}),
			{ properties: { metadata: clusterLabel } },
		],
	},
};
