import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { run } from "./run.mjs";

/**
 * How kustomizations are rendered here: `kubectl kustomize` (kustomize built into kubectl), else a standalone
 * `kustomize build`, else none (then only the raw resource files are validated, without generators and patches).
 */
export function findRenderer() {
	const kubectl = run("kubectl", ["version", "--client", "-o", "json"]);
	if (kubectl.status === 0) {
		const version = JSON.parse(kubectl.stdout);
		const kustomize = version.kustomizeVersion ?? "";
		// kubectl before 1.21 embeds kustomize v2, which cannot read today's kustomization files.
		if (/^v[4-9]/.test(kustomize)) {
			return { name: `kubectl ${version.clientVersion?.gitVersion} (kustomize ${kustomize})`, command: "kubectl", args: (dir) => ["kustomize", dir] };
		}
	}
	const kustomize = run("kustomize", ["version"]);
	if (kustomize.status === 0) {
		return { name: `kustomize ${kustomize.stdout.trim()}`, command: "kustomize", args: (dir) => ["build", dir] };
	}
	return null;
}

export function parseObjects(text, source) {
	const objects = [];
	for (const document of parseAllDocuments(text, { merge: true })) {
		if (document.errors.length > 0) {
			throw new Error(`${source}: ${document.errors.map((e) => e.message).join("; ")}`);
		}
		const value = document.toJS();
		if (value !== null && value !== undefined) {
			objects.push(value);
		}
	}
	return objects;
}

/** Renders one kustomization directory into its objects; throws with kustomize's message when it cannot. */
export function render(dir, renderer) {
	if (renderer === null) {
		return rawResources(dir);
	}
	const result = run(renderer.command, renderer.args(dir));
	if (result.status !== 0) {
		throw new Error(`${renderer.command} ${renderer.args(dir).join(" ")} failed: ${(result.stderr || result.stdout).trim().split("\n").slice(0, 5).join("\n")}`);
	}
	return parseObjects(result.stdout, dir);
}

/** The fallback: the resource files a kustomization lists, followed into directories, as written. */
export function rawResources(dir) {
	const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((name) => join(dir, name)).find(existsSync);
	if (!file) {
		throw new Error(`${dir}: no kustomization file`);
	}
	const kustomization = parseObjects(readFileSync(file, "utf8"), file)[0] ?? {};
	const objects = [];
	for (const resource of kustomization.resources ?? []) {
		const path = join(dir, resource);
		if (statSync(path).isDirectory()) {
			objects.push(...rawResources(path));
		}
		else {
			objects.push(...parseObjects(readFileSync(path, "utf8"), path));
		}
	}
	return objects;
}
