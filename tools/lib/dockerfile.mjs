import { readFileSync } from "node:fs";
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";

/**
 * Lints a Dockerfile with dockerfile-utils (the linter of the Dockerfile language server: unknown instructions
 * and flags, malformed arguments, ports, stage references), then checks the rules this project's image must keep:
 * the last stage runs as a non-root user, has a HEALTHCHECK, declares the data volume and exposes the port.
 * (The older npm dockerfilelint 1.8.0 rejects HEALTHCHECK --start-period and crashes on a HEALTHCHECK without
 * options, so it is not used.)
 */
export function lintDockerfile(file, { volume = "/data", port = "8080" } = {}) {
	const text = readFileSync(file, "utf8");
	const problems = validate(text).map((d) => `${file}:${d.range.start.line + 1}: ${d.message}`);
	const dockerfile = DockerfileParser.parse(text);
	const stages = dockerfile.getFROMs();
	if (stages.length === 0) {
		return problems.length > 0 ? problems : [`${file}: no FROM`];
	}
	const lastStageLine = stages[stages.length - 1].getRange().start.line;
	const last = dockerfile.getInstructions().filter((i) => i.getRange().start.line >= lastStageLine);
	const named = (keyword) => last.filter((i) => i.getKeyword() === keyword);
	const users = named("USER");
	const user = users.length > 0 ? users[users.length - 1].getArgumentsContent() : "root";
	if (/^(root|0)(:|$)/.test(user)) {
		problems.push(`${file}: the runtime stage must switch to a non-root USER (runs as ${user})`);
	}
	if (named("HEALTHCHECK").length !== 1) {
		problems.push(`${file}: the runtime stage must have one HEALTHCHECK`);
	}
	else if (/\bjava\b/.test(named("HEALTHCHECK")[0].getArgumentsContent())) {
		problems.push(`${file}: the HEALTHCHECK starts a JVM every time: use the base image's curl`);
	}
	if (!named("VOLUME").some((i) => i.getArgumentsContent().replace(/[[\]"]/g, "").split(/[\s,]+/).includes(volume))) {
		problems.push(`${file}: the runtime stage must declare VOLUME ${volume}`);
	}
	if (!named("EXPOSE").some((i) => i.getArgumentsContent().split(/\s+/).includes(port))) {
		problems.push(`${file}: the runtime stage must EXPOSE ${port}`);
	}
	if (named("ENTRYPOINT").length === 0 && named("CMD").length === 0) {
		problems.push(`${file}: the runtime stage has neither ENTRYPOINT nor CMD`);
	}
	return problems;
}
