// The replica card: header, facts, state table and two windowed logs.
import { compact, connects, describePartition, describePosition, escapeHtml, opChip, reachesKafka } from './text.js';
import { VirtualList } from './vlist.js';

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
