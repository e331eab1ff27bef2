import { existsSync } from "node:fs";
import { join } from "node:path";
import { bin, run, toolsDir } from "./run.mjs";

/** Lints an OpenAPI document with Redocly's recommended rules (redocly.yaml); errors fail, warnings are shown. */
export function lintOpenApi(file) {
	if (!existsSync(file)) {
		return [`${file} is missing: it is written by OpenApiDocumentTests during ./mvnw verify (run that first)`];
	}
	const result = run(process.execPath, [bin("redocly"), "lint", "--config", join(toolsDir, "redocly.yaml"), "--format", "stylish", file], {
		cwd: toolsDir,
		env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
	});
	const output = (result.stdout + result.stderr).split("\n").filter((line) => /error|warning|valid/i.test(line)).join("\n");
	if (result.status !== 0) {
		return [`redocly lint ${file}:\n${output}`];
	}
	return [];
}
