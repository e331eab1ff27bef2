// Rendering of the side panels: replica cards, verdicts, health, lab processes, the calls log.
import { asCurl } from './api.js';
import { shortId } from './model.js';
import { VirtualList } from './vlist.js';

export function escapeHtml(text) {
	return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A version vector, position or any small value as short text: {"r1":3,"r2":1} -> r1:3 r2:1. */
export function compact(value) {
	if (value === null || value === undefined) {
		return '';
	}
	if (typeof value !== 'object') {
		return String(value);
	}
	if (Array.isArray(value)) {
		return value.map(compact).join(', ');
	}
	return Object.entries(value).map(([k, v]) => k + ':' + compact(v)).join(' ');
}

/**
 * total-order's position: {consumedOffset, endOffset, lag, outbox, kafka, halted?} -> "offset 12 of 12 · lag 0 · ...";
 * a halted total order (the log is not the one the position belongs to) leads with why.
 */
export function describePosition(position) {
	if (!position || typeof position !== 'object' || position.consumedOffset === undefined) {
		return compact(position);
	}
	const parts = position.halted ? ['HALTED: ' + position.halted] : [];
	parts.push('next offset ' + position.consumedOffset + (position.endOffset !== undefined ? ' of ' + position.endOffset : ''));
	if (position.lag !== undefined) {
		parts.push('lag ' + position.lag);
	}
	if (position.outbox !== undefined) {
		parts.push('outbox ' + position.outbox);
	}
	if (position.kafka !== undefined) {
		parts.push('Kafka ' + String(position.kafka).toLowerCase());
	}
	return parts.join(' · ');
}

export function opChip(opId, origin, colorOf) {
	return `<span class="opid" style="--origin:${colorOf(origin)}" title="${escapeHtml(opId)} from ${escapeHtml(origin)}">${escapeHtml(shortId(opId))}</span>`;
}

/** Whether the partition a replica reports lets it reach the peer (same rules as the server's Partition). */
export function connects(partition, a, b) {
	if (!partition || a === b) {
		return true;
	}
	const links = partition.links || [];
	if (links.some((link) => (link.from === a && link.to === b) || (link.from === b && link.to === a))) {
		return false;
	}
	if (!partition.groups || !partition.groups.length) {
		return true;
	}
	return partition.groups.some((group) => group.includes(a) && group.includes(b));
}

export function reachesKafka(partition, id) {
	return !partition || partition.kafka === null || partition.kafka === undefined || partition.kafka.includes(id);
}

export function describePartition(partition) {
	const links = (partition && partition.links) || [];
	if (!partition || ((!partition.groups || !partition.groups.length) && !links.length && (partition.kafka === null || partition.kafka === undefined))) {
		return 'healed';
	}
	const groups = (partition.groups || []).map((group) => '[' + group.join(' ') + ']').join(' | ');
	const oneWay = links.length ? ' · cut one way: ' + links.map((link) => link.from + '→' + link.to).join(' ') : '';
	const kafka = (partition.kafka === null || partition.kafka === undefined) ? '' : ' · Kafka: ' + (partition.kafka.join(' ') || 'nobody');
	return (groups || 'no groups') + oneWay + kafka;
}

/** A replica card: header, facts, state table and two windowed logs. Built once, updated on every poll. */
export class ReplicaCard {

	constructor(replica, page) {
		this.replica = replica;
		this.page = page;
		const colorOf = page.colorOf;
		const element = document.createElement('article');
		element.className = 'replica';
		element.dataset.replica = replica.id;
		element.style.setProperty('--origin', colorOf(replica.id));
		element.setAttribute('aria-label', 'Replica ' + replica.id);
		element.innerHTML = `
			<div class="replica-head">
				<h3>${escapeHtml(replica.id)}</h3>
				<span class="pill neutral status">…</span>
				<span class="muted small where">${escapeHtml(replica.url)}</span>
			</div>
			<dl class="facts">
				<dt>digest</dt><dd class="digest">–</dd>
				<dt class="extra-label">position</dt><dd class="extra">–</dd>
				<dt>reaches</dt><dd class="reach">–</dd>
				<dt>partition</dt><dd class="partition">–</dd>
				<dt>WAL</dt><dd class="walsize">–</dd>
			</dl>
			<h4 class="small">State <span class="as-of" hidden></span></h4>
			<div class="state-wrap"><table class="state-table"><thead><tr><th scope="col">key</th><th scope="col">value(s)</th></tr></thead><tbody></tbody></table></div>
			<h4 class="small">WAL <span class="muted">local order, newest last</span> <span class="muted rows wal-rows"></span></h4>
			<div class="vlist wal-list" tabindex="0" aria-label="Write-ahead log of ${escapeHtml(replica.id)}"></div>
			<h4 class="small">Applied log <span class="muted">apply order, newest last</span> <span class="muted rows applied-rows"></span></h4>
			<div class="vlist applied-list" tabindex="0" aria-label="Applied log of ${escapeHtml(replica.id)}"></div>`;
		this.element = element;
		this.wal = new VirtualList(element.querySelector('.wal-list'), (row, top) => this.walRow(row, top), 'No WAL rows in this mode yet.');
		this.applied = new VirtualList(element.querySelector('.applied-list'), (row, top) => this.appliedRow(row, top), 'Nothing applied in this mode yet.');
		this.lastState = null;
		this.past = null;
	}

	rowClass(opId) {
		let cls = 'vrow';
		if (opId === this.page.hovered) {
			cls += ' hl';
		}
		if (opId === this.page.pinned) {
			cls += ' pinned';
		}
		return cls;
	}

	/** Time travel: an applied row after the position the card shows is in the future of that moment. */
	futureClass(row) {
		return (this.past && row.position > this.past.position) ? ' future' : '';
	}

	walRow(row, top) {
		const value = (row.value === null || row.value === undefined) ? '∅ delete' : row.value;
		const meta = [row.source ? String(row.source).toLowerCase() : '', row.kafkaOffset !== null && row.kafkaOffset !== undefined ? '@' + row.kafkaOffset : '', row.dot || ''].filter(Boolean).join(' ');
		return `<div class="${this.rowClass(row.opId)}" style="top:${top}px" data-op="${escapeHtml(row.opId)}">`
			+ `<span class="n">${row.lsn}</span>${opChip(row.opId, row.origin, this.page.colorOf)}`
			+ `<span class="kv">${escapeHtml(row.key)}=${escapeHtml(value)}</span><span class="tag">${escapeHtml(meta)}</span></div>`;
	}

	appliedRow(row, top) {
		return `<div class="${this.rowClass(row.opId)}${this.futureClass(row)}" style="top:${top}px" data-op="${escapeHtml(row.opId)}" title="${escapeHtml(row.detail || '')}">`
			+ `<span class="n">${row.position}</span>${opChip(row.opId, row.origin, this.page.colorOf)}`
			+ `<span class="kv">${escapeHtml(row.key)}</span><span class="tag ${escapeHtml(row.outcome)}">${escapeHtml(String(row.outcome || '').toLowerCase())}</span></div>`;
	}

	/**
	 * Updates the card from the replica's info, its mode log and the other replicas' ids.
	 * @param past time travel: {position, state | error | pending} to show instead of the live state; null while live
	 */
	update(mode, up, info, log, allIds, force, past = null) {
		const element = this.element;
		this.past = past;
		element.classList.toggle('past', Boolean(past));
		const asOf = element.querySelector('.as-of');
		asOf.hidden = !past;
		if (past) {
			asOf.textContent = past.state ? 'as of position ' + past.state.asOf + (past.state.appliedAt ? ' (applied ' + past.state.appliedAt + ')' : ' (before any apply)')
				: past.error ? 'no answer for position ' + past.position + ' (' + past.error + ')' : 'asking for position ' + past.position + '…';
		}
		element.classList.toggle('down', !up);
		const status = element.querySelector('.status');
		status.textContent = up ? 'up' : 'down';
		status.className = 'pill status ' + (up ? 'good' : 'bad');
		if (info) {
			element.querySelector('.where').textContent = this.replica.url.replace(/^https?:\/\//, '') + (info.pid ? ' · pid ' + info.pid : '')
				+ (this.replica.via ? ' · read via ' + this.replica.via : '');
			const partition = info.partition;
			element.querySelector('.partition').textContent = describePartition(partition);
			const reach = allIds.filter((id) => id !== this.replica.id)
				.map((id) => connects(partition, this.replica.id, id) ? `<span class="yes">${escapeHtml(id)} ✓</span>` : `<span class="no">${escapeHtml(id)} ✗</span>`);
			reach.push(reachesKafka(partition, this.replica.id) ? '<span class="yes">Kafka ✓</span>' : '<span class="no">Kafka ✗</span>');
			element.querySelector('.reach').innerHTML = `<span class="reach">${reach.join(' ')}</span>`;
			const counts = info.modes && info.modes[mode];
			element.querySelector('.walsize').textContent = (info.walSize ?? '?') + ' rows in all modes'
				+ (counts && typeof counts.walEntries === 'number' ? ', ' + counts.walEntries + ' in ' + mode : '');
		}
		const state = past ? (past.state || null) : (log ? log.state : null);
		element.querySelector('.digest').textContent = state && state.digest ? state.digest : '–';
		const extraLabel = element.querySelector('.extra-label');
		const extra = element.querySelector('.extra');
		if (state && state.versionVector !== undefined) {
			extraLabel.textContent = 'version vector';
			extra.classList.remove('halted');
			extra.textContent = compact(state.versionVector) || '{}';
		}
		else if (state && (state.position !== undefined || state.consumedOffset !== undefined)) {
			extraLabel.textContent = 'position';
			const position = state.position !== undefined ? state.position : state;
			extra.textContent = describePosition(position);
			extra.classList.toggle('halted', Boolean(position && position.halted));
		}
		else {
			const counts = info && info.modes && info.modes[mode];
			extraLabel.textContent = 'counts';
			extra.classList.remove('halted');
			extra.textContent = counts ? compact(counts) : '–';
		}
		if (state !== this.lastState || force) {
			this.lastState = state;
			this.renderState(state, (past && !past.state) ? (past.error ? 'no answer' : 'asking…') : 'empty');
		}
		element.querySelector('.wal-rows').textContent = rowsKept(log ? log.wal.length : 0, log ? log.walCount : 0);
		element.querySelector('.applied-rows').textContent = rowsKept(log ? log.applied.length : 0, log ? log.appliedCount : 0);
		this.wal.setItems(log ? log.wal : [], force);
		this.applied.setItems(log ? log.applied : [], force);
	}

	renderState(state, none = 'empty') {
		const body = this.element.querySelector('.state-table tbody');
		const entries = state && state.entries ? Object.entries(state.entries) : [];
		if (!entries.length) {
			body.innerHTML = `<tr><td colspan="2" class="muted">${escapeHtml(state ? 'empty' : none)}</td></tr>`;
			return;
		}
		const shown = entries.slice(0, 200).map(([key, values]) => {
			const list = Array.isArray(values) ? values : [values];
			const cell = list.length > 1
				? list.map((value) => `<span class="sibling-value" title="sibling">${escapeHtml(value)}</span>`).join('') + ` <span class="muted small">${list.length} siblings</span>`
				: `<span class="single-value">${escapeHtml(list[0])}</span>`;
			return `<tr><td>${escapeHtml(key)}</td><td>${cell}</td></tr>`;
		});
		if (entries.length > 200) {
			shown.push(`<tr><td colspan="2" class="muted">… and ${entries.length - 200} more keys</td></tr>`);
		}
		body.innerHTML = shown.join('');
	}

	refreshRows() {
		this.wal.render();
		this.applied.render();
	}
}

/** How many rows of a log the card holds: all, or the newest (ModeLog keeps at most MAX_ROWS). */
function rowsKept(kept, read) {
	return kept < read ? `· ${kept} of ${read} rows kept` : `· ${kept} row${kept === 1 ? '' : 's'}`;
}

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
