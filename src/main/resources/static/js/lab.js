// The lab panel's contents: the lab's processes with kill/start buttons (their clicks are controls.js's), and the
// newest run of the checker.
import { escapeHtml } from './text.js';

/** @param processes labProcesses(...) of the lab's answer; null when the lab does not answer */
export function renderLab(processes) {
	const container = document.getElementById('lab-processes');
	if (!processes) {
		container.innerHTML = '<p class="muted small">The lab does not answer.</p>';
		return;
	}
	container.innerHTML = processes.map((p) => {
		const buttons = p.kind === 'replica'
			? `<button type="button" class="danger" data-lab="replicas/${escapeHtml(p.id)}/kill">Kill</button><button type="button" data-lab="replicas/${escapeHtml(p.id)}/start">Start</button>`
			: '';
		return `<div class="lab-row" data-process="${escapeHtml(p.id)}"><span class="name">${escapeHtml(p.id)}</span>`
			+ `<span class="pill ${/run|up/i.test(p.state) ? 'good' : /start/i.test(p.state) ? 'warn' : 'bad'}">${escapeHtml(p.state || '?')}</span>`
			+ `<span class="muted">${p.pid ? 'pid ' + escapeHtml(p.pid) : ''}${p.port ? ' :' + escapeHtml(p.port) : ''}`
			+ `${p.exitCode !== null && p.exitCode !== undefined && !/run|start/i.test(p.state) ? ' · exit ' + escapeHtml(p.exitCode) : ''}</span>${buttons}</div>`;
	}).join('');
}

/** The newest run of the checker (./mvnw -Pcheck verify): GET /api/lab/checks/latest, 204 when none (no line then). */
export function renderLatestCheck(base, answer) {
	const line = document.getElementById('latest-check');
	const check = answer.ok && answer.body && typeof answer.body === 'object' ? answer.body : null;
	line.hidden = !check;
	if (!check) {
		line.innerHTML = '';
		return;
	}
	const anomalies = Object.entries((check.counts && check.counts.anomalies) || {});
	const verdict = check.valid === 'true' ? 'valid' : check.valid === 'false' ? 'invalid' : 'unknown';
	const found = anomalies.length ? ': ' + anomalies.map(([name, count]) => name + ' ' + count).join(', ') : '';
	const link = (check.links && (check.links.timeline || check.links.results)) || '';
	line.className = 'latest-check small ' + verdict;
	line.innerHTML = `Latest check: <a id="latest-check-link" href="${escapeHtml(base + link)}" target="_blank" rel="noopener">${escapeHtml(check.run)}</a> `
		+ `<span class="verdict-word">${escapeHtml(verdict)}</span>${escapeHtml(found)}`
		+ ` <span class="muted">(seed ${escapeHtml(String(check.seed))}, ${escapeHtml(String(check.counts ? check.counts.operations : 0))} operations)</span>`;
}
