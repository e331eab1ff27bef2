// Rendering of the side panels: verdicts, health, lab processes, the calls log.
import { asCurl } from './api.js';
import { escapeHtml } from './text.js';

/** The verifier's answer, whatever its exact shape: a list of {property, holds, meaning, counterexample} or a map. */
export function verdictList(body) {
	if (!body || typeof body !== 'object') {
		return [];
	}
	const properties = body.properties ?? body.verdicts ?? body.checks ?? body;
	const one = (name, p) => ({
		name: p.property ?? p.name ?? p.id ?? name ?? '?',
		holds: p.holds === true,
		// 'unknown': nothing failed, but the verifier did not see everything (a replica down, ops not examined)
		unknown: p.verdict === 'unknown',
		description: p.meaning ?? p.description ?? p.statement ?? '',
		counterexample: p.counterexample ?? null,
		observed: p.observed ?? null,
		notes: Array.isArray(p.notes) ? p.notes : [],
	});
	if (Array.isArray(properties)) {
		return properties.map((p) => one(null, p));
	}
	return Object.entries(properties)
		.filter(([, p]) => p && typeof p === 'object' && 'holds' in p)
		.map(([name, p]) => one(name, p));
}

/** Evidence as text: its explanation first, then the replicas, op ids, positions and keys it names. */
function evidenceText(evidence) {
	if (evidence === null || evidence === undefined || evidence === '') {
		return '';
	}
	if (typeof evidence !== 'object') {
		return String(evidence);
	}
	const { explanation, ...rest } = evidence;
	const details = Object.keys(rest).length ? JSON.stringify(rest, null, 1) : '';
	return [explanation, details].filter(Boolean).join('\n');
}

export function renderVerdicts(container, body) {
	const list = verdictList(body);
	if (!list.length) {
		container.innerHTML = '<p class="muted small">The verifier returned no properties.</p>';
		return;
	}
	const head = [];
	if (body && Array.isArray(body.replicas)) {
		head.push(`judged ${escapeHtml(body.replicas.join(', '))}`);
	}
	if (body && Array.isArray(body.unreachable) && body.unreachable.length) {
		head.push(`<span class="bad-text">unreachable: ${escapeHtml(body.unreachable.join(', '))}</span>`);
	}
	container.innerHTML = (head.length ? `<p class="small muted">${head.join(' · ')}</p>` : '') + list.map((v) => {
		const counter = v.holds ? '' : evidenceText(v.counterexample);
		const observed = evidenceText(v.observed);
		const state = v.holds ? 'holds' : (v.unknown ? 'unknown' : 'broken');
		return `<div class="verdict ${state}" data-property="${escapeHtml(v.name)}">`
			+ `<span class="icon" aria-label="${state}">${v.holds ? '✓' : (v.unknown ? '?' : '✗')}</span>`
			+ `<span><strong>${escapeHtml(v.name)}</strong> <span class="muted small">${escapeHtml(v.description)}</span></span>`
			+ (counter ? `<pre>${escapeHtml(counter)}</pre>` : '')
			+ (observed ? `<pre class="observed">${escapeHtml(observed)}</pre>` : '')
			+ v.notes.map((note) => `<span class="note small muted">${escapeHtml(note)}</span>`).join('') + '</div>';
	}).join('');
}

/** The replication health component of this replica (DIVERGED in red), and its verdict for the mode shown. */
export function renderHealth(container, replication, mode) {
	if (!replication || typeof replication !== 'object' || !replication.status) {
		container.innerHTML = '<span class="pill neutral">replication health: no answer</span>';
		return;
	}
	const cls = (status) => status === 'UP' ? 'good' : (status === 'DIVERGED' ? 'bad' : 'warn');
	const details = replication.details || {};
	const diverged = Object.entries(details.modes || {}).filter(([, health]) => health && health.status === 'DIVERGED').map(([name]) => name);
	const which = (replication.status === 'DIVERGED' && diverged.length) ? ' (' + diverged.join(', ') + ')' : '';
	const parts = [`<span class="pill ${cls(replication.status)}" id="replication-health">replication: ${escapeHtml(replication.status + which)}</span>`];
	const here = details.modes && details.modes[mode];
	if (here && here.status) {
		const differs = Array.isArray(here.differsFrom) && here.differsFrom.length ? ' from ' + here.differsFrom.join(', ') : '';
		const keys = typeof here.differingKeyCount === 'number' ? ` · ${here.differingKeyCount} key${here.differingKeyCount === 1 ? '' : 's'} differ` : '';
		parts.push(`<span class="pill ${cls(here.status)}" id="mode-health">${escapeHtml(mode)}: ${escapeHtml(here.status)}${escapeHtml(differs + keys)}</span>`);
	}
	if (Array.isArray(details.unreachablePeers) && details.unreachablePeers.length) {
		parts.push(`<span class="pill warn">unreachable: ${escapeHtml(details.unreachablePeers.join(', '))}</span>`);
	}
	container.innerHTML = parts.join(' ');
}

/** The lab's processes, whatever the exact shape: an array, {processes: [...]}, or {replicas: [...], kafka: {...}}. */
export function labProcesses(body) {
	if (!body) {
		return [];
	}
	let list = Array.isArray(body) ? body : (body.processes ?? null);
	if (!list) {
		list = [];
		if (Array.isArray(body.replicas)) {
			list.push(...body.replicas.map((r) => ({ kind: 'replica', ...r })));
		}
		const broker = body.kafka ?? body.broker;
		if (broker && typeof broker === 'object') {
			list.push({ kind: 'kafka', id: 'kafka', ...broker });
		}
	}
	if (!Array.isArray(list)) {
		list = Object.entries(list).map(([id, p]) => ({ id, ...p }));
	}
	return list.map((p) => {
		const id = p.id ?? p.name ?? p.replica ?? '?';
		const kind = String(p.kind ?? p.type ?? (/kafka|broker/i.test(id) ? 'kafka' : 'replica')).toLowerCase();
		return { id, kind: /kafka|broker/.test(kind) ? 'kafka' : 'replica', pid: p.pid, port: p.port, state: p.state ?? p.status ?? '', exitCode: p.exitCode };
	});
}

export function renderCall(call) {
	const ok = call.status >= 200 && call.status < 300;
	const body = call.body === undefined ? '' : `<pre>${escapeHtml(JSON.stringify(call.body))}</pre>`;
	let response = call.response || '';
	try {
		response = JSON.stringify(JSON.parse(response), null, 1);
	}
	catch {
		// keep the text
	}
	return `<li><div class="line"><span class="method">${escapeHtml(call.method)}</span><span class="url">${escapeHtml(call.url)}</span>`
		+ `<span class="status ${ok ? 'ok' : 'err'}">${call.status || 'no answer'}</span><span class="muted">${call.ms} ms</span></div>`
		+ body + `<details><summary class="muted">response · curl</summary><pre>${escapeHtml(response.slice(0, 2000))}</pre>`
		+ `<pre>${escapeHtml(asCurl(call))}</pre></details></li>`;
}
