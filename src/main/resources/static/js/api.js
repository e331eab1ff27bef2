// HTTP helpers. Polling reads go through `read` (quiet); user actions go through `act`, which records the call
// (method, URL, body, status, response) in the calls log so that the page teaches the API it uses.

const TIMEOUT_MS = 2500;

/** GET json; resolves to {ok, status, body} and never rejects (a replica that does not answer has status 0). */
export async function read(url, timeoutMs = TIMEOUT_MS) {
	return request('GET', url, undefined, timeoutMs);
}

async function request(method, url, body, timeoutMs) {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const started = performance.now();
	try {
		const init = { method, signal: controller.signal, headers: { Accept: 'application/json, application/problem+json' } };
		if (body !== undefined) {
			init.body = JSON.stringify(body);
			init.headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(url, init);
		const text = await response.text();
		let parsed = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		}
		catch {
			// plain text answers stay text
		}
		return { ok: response.ok, status: response.status, body: parsed, text, ms: Math.round(performance.now() - started) };
	}
	catch (failure) {
		const reason = (failure && failure.name === 'AbortError') ? 'timed out' : 'no answer';
		return { ok: false, status: 0, body: null, text: reason, ms: Math.round(performance.now() - started) };
	}
	finally {
		clearTimeout(timer);
	}
}

/**
 * The paths this replica serves, from its OpenAPI document: asked once for the whole page, and again every few
 * seconds until it answers (asking an optional endpoint itself would leave a 404 in the console where it is absent).
 */
export const servedPaths = once(async () => {
	for (;;) {
		const docs = await read('v3/api-docs', 30000);
		if (docs.ok && docs.body && docs.body.paths) {
			return Object.keys(docs.body.paths);
		}
		await new Promise((resolve) => setTimeout(resolve, 3000));
	}
});

function once(supplier) {
	let result = null;
	return () => {
		result = result || supplier();
		return result;
	};
}

// the calls log is the page's (controls.js keeps the newest on screen): api.js only tells it of each call
const listeners = [];

/** @param listener called with each call made through act(), and with null when the log is cleared */
export function onCall(listener) {
	listeners.push(listener);
}

export function clearCalls() {
	listeners.forEach((listener) => listener(null));
}

/** Performs a user action and tells the calls log. */
export async function act(method, url, body, timeoutMs = 15000) {
	const result = await request(method, url, body, timeoutMs);
	const call = { at: new Date(), method, url, body, status: result.status, response: result.text, ms: result.ms };
	listeners.forEach((listener) => listener(call));
	return result;
}

/** The same call as a curl command line, to copy into a terminal. */
export function asCurl(call) {
	const parts = ['curl', '-s'];
	if (call.method !== 'GET') {
		parts.push('-X', call.method);
	}
	if (call.body !== undefined) {
		parts.push("-H 'Content-Type: application/json'", "-d '" + JSON.stringify(call.body).replaceAll("'", "'\\''") + "'");
	}
	parts.push("'" + call.url + "'");
	return parts.join(' ');
}
