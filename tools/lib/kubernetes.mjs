import Ajv from "ajv";
import { strimziSchemas } from "./strimzi-schemas.mjs";

const ajv = new Ajv({ allErrors: true, strict: false });
const strimziValidators = Object.fromEntries(
	Object.entries(strimziSchemas).map(([kind, schema]) => [kind, ajv.compile(schema)]));

/** The kubernetes-models module path of a built-in kind: "apps/v1" + StatefulSet -> apps/v1/StatefulSet. */
function modelPath(apiVersion, kind) {
	return `kubernetes-models/${apiVersion}/${kind}`;
}

/**
 * Validates one object against the Kubernetes OpenAPI schemas bundled in kubernetes-models (types, required
 * fields, enums, formats; like the API server's schema, it lets unknown fields through). Strimzi's custom
 * resources have no bundled schema: they are checked against the structural schemas in strimzi-schemas.mjs.
 * Returns a list of problems (empty when valid).
 */
export async function validateObject(object) {
	const { apiVersion, kind } = object ?? {};
	const name = `${kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
	if (typeof apiVersion !== "string" || typeof kind !== "string") {
		return [`${name}: apiVersion and kind are required`];
	}
	if (apiVersion.startsWith("kafka.strimzi.io/")) {
		const validate = strimziValidators[kind];
		if (!validate) {
			return [`${name}: no schema for Strimzi kind ${kind}`];
		}
		return validate(object) ? [] : validate.errors.map((e) => `${name}: ${e.instancePath || "/"} ${e.message}`);
	}
	let model;
	try {
		model = (await import(modelPath(apiVersion, kind)))[kind];
	}
	catch {
		return [`${name}: no Kubernetes schema for ${apiVersion} ${kind}`];
	}
	try {
		new model(object).validate();
		return [];
	}
	catch (error) {
		return String(error.message).split(", ").map((message) => `${name}: ${message}`);
	}
}
