import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const toolsDir = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs a command without a shell; returns { status, stdout, stderr } (status null when it could not start). */
export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
	return { status: result.error ? null : result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", error: result.error };
}

/** A binary installed in tools/node_modules/.bin. */
export function bin(name) {
	return join(toolsDir, "node_modules", ".bin", name);
}
