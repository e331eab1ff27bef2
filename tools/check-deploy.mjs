#!/usr/bin/env node
/**
 * Offline checks of the deployment files, run by .ci/run after ./mvnw verify:
 *   node tools/check-deploy.mjs [--root <repo>] [--openapi <file>] [--require-render]
 * (--require-render, as in CI: fail when no kustomize can render, instead of validating the raw resource files)
 * 1. every kustomization (k8s/base, k8s/overlays/*) renders with kustomize;
 * 2. every rendered object validates against the Kubernetes schemas (kubernetes-models) or, for Strimzi's
 *    custom resources, against structural schemas; the rendered pieces point at each other (topology);
 * 3. docker-compose.yml validates against the Compose Specification schema and passes dclint;
 * 4. the Dockerfile passes dockerfile-utils and the project's image rules;
 * 5. the OpenAPI document the application serves (target/openapi.json) passes Redocly's lint.
 * Exits 1 when any check fails.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { validateCompose } from "./lib/compose.mjs";
import { lintDockerfile } from "./lib/dockerfile.mjs";
import { validateObject } from "./lib/kubernetes.mjs";
import { findRenderer, render } from "./lib/kustomize.mjs";
import { lintOpenApi } from "./lib/openapi.mjs";
import { toolsDir } from "./lib/run.mjs";
import { checkTopology } from "./lib/topology.mjs";

/** Every kustomization directory: k8s/base and each k8s/overlays/<name>. */
export function kustomizations(root) {
	const dirs = [join(root, "k8s", "base")];
	const overlays = join(root, "k8s", "overlays");
	if (existsSync(overlays)) {
		for (const entry of readdirSync(overlays, { withFileTypes: true })) {
			if (entry.isDirectory()) {
				dirs.push(join(overlays, entry.name));
			}
		}
	}
	return dirs;
}

/** Checks a kustomization: renders it, validates each object, then the topology. */
export async function checkKustomization(dir, renderer) {
	const objects = render(dir, renderer);
	const problems = [];
	for (const object of objects) {
		problems.push(...await validateObject(object));
	}
	if (renderer !== null) {
		problems.push(...checkTopology(objects));
	}
	return { objects: objects.length, problems };
}

/** Runs every check under root; returns [{ name, problems, note }]. */
export async function checkAll(root, openapi = join(root, "target", "openapi.json"), requireRender = false) {
	const results = [];
	const renderer = findRenderer();
	if (renderer === null && requireRender) {
		results.push({ name: "kustomize", problems: ["no kubectl >= 1.21 nor kustomize on PATH (tools/install-kubectl.sh installs one)"] });
	}
	for (const dir of (renderer === null && requireRender) ? [] : kustomizations(root)) {
		const name = `kustomize ${dir.slice(root.length + 1)}`;
		try {
			const { objects, problems } = await checkKustomization(dir, renderer);
			const note = renderer === null
				? `no kustomize (kubectl >= 1.21 or kustomize): ${objects} raw resource objects validated, generators, patches and topology NOT checked`
				: `${objects} objects rendered by ${renderer.name} and validated`;
			results.push({ name, problems, note });
		}
		catch (error) {
			results.push({ name, problems: [error.message] });
		}
	}
	results.push({ name: "docker-compose.yml", problems: validateCompose(join(root, "docker-compose.yml")), note: "Compose Specification schema + dclint" });
	results.push({ name: "Dockerfile", problems: lintDockerfile(join(root, "Dockerfile")), note: "dockerfile-utils + image rules" });
	results.push({ name: "OpenAPI", problems: lintOpenApi(openapi), note: `redocly lint ${openapi}` });
	return results;
}

async function main() {
	const { values } = parseArgs({ options: { root: { type: "string" }, openapi: { type: "string" }, "require-render": { type: "boolean" } } });
	const root = resolve(values.root ?? join(toolsDir, ".."));
	const results = await checkAll(root, values.openapi ? resolve(values.openapi) : undefined, values["require-render"] ?? false);
	let failed = 0;
	for (const { name, problems, note } of results) {
		if (problems.length === 0) {
			console.log(`ok    ${name}${note ? ` (${note})` : ""}`);
		}
		else {
			failed++;
			console.log(`FAIL  ${name}`);
			for (const problem of problems) {
				console.log(`      ${problem.replaceAll("\n", "\n      ")}`);
			}
		}
	}
	console.log(`checks: ${results.length - failed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check-deploy.mjs")) {
	await main();
}
