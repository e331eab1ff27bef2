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

const listeners = [];
const calls = [];
const MAX_CALLS = 150;

export function onCall(listener) {
	listeners.push(listener);
}

export function recordedCalls() {
	return calls;
}

export function clearCalls() {
	calls.length = 0;
	listeners.forEach((listener) => listener(null));
}

/** Performs a user action and records it in the calls log. */
export async function act(method, url, body, timeoutMs = 15000) {
	const result = await request(method, url, body, timeoutMs);
	const call = { at: new Date(), method, url, body, status: result.status, response: result.text, ms: result.ms };
	calls.unshift(call);
	if (calls.length > MAX_CALLS) {
		calls.length = MAX_CALLS;
	}
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
