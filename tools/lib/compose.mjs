import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { bin, run, toolsDir } from "./run.mjs";
import { join } from "node:path";

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
	const lint = run(process.execPath, [bin("dclint"), "--config", join(toolsDir, "dclint.config.json"), "--max-warnings", "0", "--color", "false", file], { cwd: toolsDir });
	if (lint.status !== 0) {
		problems.push(`dclint: ${(lint.stdout + lint.stderr).trim()}`);
	}
	return problems;
}
