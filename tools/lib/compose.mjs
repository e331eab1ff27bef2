import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { bin, run, toolsDir } from "./run.mjs";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";

// The Compose Specification's JSON schema, as shipped by dclint (pinned in package.json).
// Its $schema names draft-07 by an https address ajv does not know by that name: draft-07 is ajv's default anyway.
const { $schema: _draft, ...composeSchema } = JSON.parse(readFileSync(join(toolsDir, "node_modules", "dclint", "schemas", "compose.schema.json"), "utf8"));

/**
 * Validates a compose file twice: against the Compose Specification schema with ajv (after resolving YAML
 * anchors and merge keys, as Compose does), and with dclint (the same schema plus best-practice rules,
 * configured in dclint.config.json; warnings fail too). Returns a list of problems.
 */
export function validateCompose(file) {
	const problems = [];
	let document;
	try {
		document = parse(readFileSync(file, "utf8"), { merge: true });
	}
	catch (error) {
		return [`${file}: not YAML: ${error.message}`];
	}
	const ajv = new Ajv({ allErrors: true, strict: false });
	addFormats(ajv);
	const validate = ajv.compile(composeSchema);
	if (!validate(document)) {
		for (const e of validate.errors) {
			problems.push(`${file}: ${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
		}
	}
	problems.push(...checkStopGrace(file, document));
	const lint = run(process.execPath, [bin("dclint"), "--config", join(toolsDir, "dclint.config.json"), "--max-warnings", "0", "--color", "false", file], { cwd: toolsDir });
	if (lint.status !== 0) {
		problems.push(`dclint: ${(lint.stdout + lint.stderr).trim()}`);
	}
	return problems;
}

/** Compose durations: "90s", "1m30s", "500ms". */
function seconds(duration) {
	const units = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 };
	let total = 0;
	for (const [, n, unit] of String(duration).matchAll(/([0-9.]+)(h|ms|us|m|s)/g)) {
		total += Number(n) * units[unit];
	}
	return total;
}

/**
 * Every replica (a service built from this Dockerfile) must get longer than two of Spring's shutdown phases
 * (spring.lifecycle.timeout-per-shutdown-phase in src/main/resources/application.yml next to the compose file,
 * 30s when unset): the graceful drain of requests in flight, then the lifecycle beans' stops. Docker's default of
 * 10s would SIGKILL a replica in the middle of them.
 */
function checkStopGrace(file, document) {
	const settings = join(dirname(file), "src", "main", "resources", "application.yml");
	const phase = existsSync(settings)
		? seconds(parse(readFileSync(settings, "utf8"))?.spring?.lifecycle?.["timeout-per-shutdown-phase"] ?? "30s")
		: 30;
	const problems = [];
	for (const [name, service] of Object.entries(document?.services ?? {})) {
		if (service?.build === undefined) {
			continue;
		}
		const grace = seconds(service.stop_grace_period ?? "10s");
		if (grace <= 2 * phase) {
			problems.push(`${file}: service ${name}: stop_grace_period ${service.stop_grace_period ?? "10s (default)"} must exceed two shutdown phases of ${phase}s`);
		}
	}
	return problems;
}
