// The pinned op's details under the diagram: its WAL and applied rows on every replica, with a link to each
// replica's GET /api/replica/ops/{opId} and, when this replica traced it, to its trace in Zipkin.
import { shortId } from './model.js';
import { escapeHtml } from './text.js';

const RETRY_TRACE_MS = 5000;

export class OpDetails {

	/**
	 * @param unpin called by the panel's Unpin button
	 */
	constructor(cluster, page, unpin) {
		this.cluster = cluster;
		this.page = page;
		this.unpin = unpin;
		this.container = document.getElementById('op-details');
		// opId -> the trace's URL (null while asked or unknown); asked once per op, again a few seconds later while it
		// has none (the op may not be traced here yet)
		this.traceUrls = new Map();
	}

	render() {
		const cluster = this.cluster;
		const opId = this.page.pinned;
		if (!opId) {
			this.container.innerHTML = '<p class="muted small">Hover an op to highlight it everywhere; click it to pin its details on every replica.</p>';
			return;
		}
		let head = null;
		const rows = cluster.replicas.map((replica) => {
			const log = cluster.log(this.page.mode, replica.id);
			const wal = log.walByOp.get(opId);
			const applied = log.appliedByOp.get(opId);
			head = head || wal || applied;
			const link = `<a href="${escapeHtml(replica.base)}/api/replica/ops/${escapeHtml(opId)}" target="_blank" rel="noopener">ops/${escapeHtml(shortId(opId))}</a>`;
			if (!wal && !applied) {
				return `<tr><th scope="row">${escapeHtml(replica.id)}</th><td colspan="5" class="muted">not here (yet)</td><td>${link}</td></tr>`;
			}
			const extra = wal ? [wal.kafkaOffset !== null && wal.kafkaOffset !== undefined ? 'offset ' + wal.kafkaOffset : '', wal.dot ? 'dot ' + wal.dot : ''].filter(Boolean).join(', ') : '';
			return `<tr><th scope="row">${escapeHtml(replica.id)}</th><td>${wal ? 'lsn ' + wal.lsn : '–'}</td><td>${wal ? escapeHtml(String(wal.source).toLowerCase()) : ''}</td>`
				+ `<td>${applied ? '#' + applied.position : 'not applied'}</td><td>${applied ? escapeHtml(applied.outcome) : ''}</td>`
				+ `<td class="muted">${escapeHtml([extra, applied && applied.detail].filter(Boolean).join(' · '))}</td><td>${link}</td></tr>`;
		});
		const value = head && head.value !== undefined ? (head.value === null ? '∅ delete' : head.value) : '';
		this.container.innerHTML = `<p class="small"><strong>op</strong> <code>${escapeHtml(opId)}</code> from <strong>${escapeHtml(head ? head.origin : '?')}</strong>`
			+ ` · <code>${escapeHtml(head ? head.key : '')}${value !== '' ? '=' + escapeHtml(value) : ''}</code>${this.traceLink(opId)} <button type="button" class="ghost small" id="unpin">Unpin</button></p>`
			+ `<table><thead><tr><th scope="col">replica</th><th scope="col">WAL</th><th scope="col">source</th><th scope="col">applied</th><th scope="col">outcome</th><th scope="col">detail</th><th scope="col">API</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
		document.getElementById('unpin').addEventListener('click', () => this.unpin());
	}

	/** The op's trace in Zipkin, when this replica knows a Zipkin UI (tracing.ui-url) and traced the op. */
	traceLink(opId) {
		const cluster = this.cluster;
		// only an op this replica holds has a status here: asking for any other would be a 404 in the console
		const here = cluster.log(this.page.mode, cluster.selfId);
		const known = here && (here.walByOp.has(opId) || here.appliedByOp.has(opId));
		if (known && !this.traceUrls.has(opId)) {
			this.traceUrls.set(opId, null);
			const forget = () => setTimeout(() => this.traceUrls.delete(opId), RETRY_TRACE_MS);
			fetch(cluster.origin + '/api/replica/ops/' + encodeURIComponent(opId))
				.then((answer) => (answer.ok ? answer.json() : null))
				.then((op) => {
					if (op && op.traceUrl) {
						this.traceUrls.set(opId, op.traceUrl);
						if (this.page.pinned === opId) {
							this.render();
						}
					}
					else {
						forget();
					}
				})
				.catch(forget);
		}
		const url = this.traceUrls.get(opId);
		return url ? ` · <a id="trace-link" href="${escapeHtml(url)}" target="_blank" rel="noopener">trace in Zipkin</a>` : '';
	}

}
