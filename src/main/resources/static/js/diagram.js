// The space-time diagram: one lane per replica, each op a mark at its position in that replica's apply order, and a
// line joining the same op across lanes. Equal orders give vertical lines (total-order); different orders make lines
// cross (reconcile); ops that never travel have no line (local). Only the positions in the window are drawn.

const SVG_NS = 'http://www.w3.org/2000/svg';
const STEP = 22;
const LEFT = 60;
const RIGHT = 14;
const TOP = 26;
const LANE_GAP = 58;

export function windowSize(container) {
	const width = Math.max(320, container.clientWidth || 800);
	return Math.max(5, Math.floor((width - LEFT - RIGHT) / STEP));
}

function escapeXml(text) {
	return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function mark(row, x, y) {
	const outcome = String(row.outcome || 'APPLIED').toLowerCase();
	switch (outcome) {
		case 'sibling':
			return `<rect class="mk sibling" x="${x - 5.5}" y="${y - 5.5}" width="11" height="11" transform="rotate(45 ${x} ${y})"/>`;
		case 'superseded':
		case 'discarded':
			return `<circle class="mk ${outcome}" cx="${x}" cy="${y}" r="5.5"/>`;
		case 'duplicate':
		case 'rejected':
			return `<rect class="mk ${outcome}" x="${x - 3.5}" y="${y - 3.5}" width="7" height="7"/>`;
		default:
			return `<circle class="mk applied" cx="${x}" cy="${y}" r="6"/>`;
	}
}

/**
 * Draws the diagram.
 * @param lanes [{id, up, log}] in lane order, log a ModeLog (applied rows and appliedByOp)
 * @param start the first apply position shown
 * @param colorOf origin id -> CSS color
 * @param cursors time travel: lane id -> the last position applied at the moment shown (marks after it are dimmed);
 * null while live
 */
export function drawDiagram(container, lanes, start, colorOf, pinned, cursors = null) {
	const size = windowSize(container);
	const end = start + size - 1;
	const width = Math.max(320, container.clientWidth || 800);
	const height = TOP + LANE_GAP * Math.max(1, lanes.length) - LANE_GAP / 2 + 14;
	const x = (position) => LEFT + (position - start + 0.5) * STEP;
	const y = (lane) => TOP + 14 + lane * LANE_GAP;
	const parts = [];
	parts.push(`<svg xmlns="${SVG_NS}" viewBox="0 0 ${width} ${height}" height="${height}" role="img" aria-label="Space-time diagram of apply order, positions ${start} to ${end}">`);
	parts.push(`<defs><clipPath id="plot"><rect x="${LEFT}" y="0" width="${width - LEFT - RIGHT + 4}" height="${height}"/></clipPath></defs>`);
	for (let position = start; position <= end; position++) {
		if (position === 1 || position % 5 === 0) {
			parts.push(`<text class="tick" x="${x(position)}" y="12" text-anchor="middle">${position}</text>`);
		}
	}
	lanes.forEach((lane, index) => {
		parts.push(`<line class="lane" x1="${LEFT - 6}" x2="${width - RIGHT}" y1="${y(index)}" y2="${y(index)}"/>`);
		parts.push(`<text class="lane-label${lane.up ? '' : ' down'}" x="8" y="${y(index) + 4}">${escapeXml(lane.id)}</text>`);
		if (!lane.up) {
			parts.push(`<text class="tick" x="8" y="${y(index) + 17}">down</text>`);
		}
	});
	// the joins first, so the marks sit on top
	const visible = new Map();
	lanes.forEach((lane) => {
		const rows = lane.log.applied;
		const first = lowerBound(rows, start);
		for (let i = first; i < rows.length && rows[i].position <= end; i++) {
			if (!visible.has(rows[i].opId)) {
				visible.set(rows[i].opId, rows[i].origin);
			}
		}
	});
	parts.push('<g clip-path="url(#plot)">');
	for (const [opId, origin] of visible) {
		const points = [];
		lanes.forEach((lane, index) => {
			const row = lane.log.appliedByOp.get(opId);
			if (row) {
				points.push(`${x(row.position).toFixed(1)},${y(index)}`);
			}
		});
		if (points.length > 1) {
			const cls = (opId === pinned) ? 'join hl' : 'join';
			parts.push(`<polyline class="${cls}" data-op="${escapeXml(opId)}" points="${points.join(' ')}" style="stroke:${colorOf(origin)}"/>`);
		}
	}
	lanes.forEach((lane, index) => {
		const rows = lane.log.applied;
		const first = lowerBound(rows, start);
		for (let i = first; i < rows.length && rows[i].position <= end; i++) {
			const row = rows[i];
			const title = `${lane.id} #${row.position}: ${row.opId}\norigin ${row.origin}, ${row.key}, ${row.outcome}${row.detail ? ' (' + row.detail + ')' : ''}`;
			const future = cursors && cursors.has(lane.id) && row.position > cursors.get(lane.id);
			const cls = ((row.opId === pinned) ? 'op pinned' : 'op') + (future ? ' future' : '');
			parts.push(`<g class="${cls}" data-op="${escapeXml(row.opId)}" style="color:${colorOf(row.origin)}" tabindex="-1">`
				+ `<title>${escapeXml(title)}</title>${mark(row, x(row.position), y(index))}</g>`);
		}
	});
	if (cursors) {
		lanes.forEach((lane, index) => {
			const position = cursors.get(lane.id) ?? 0;
			if (position >= start - 1 && position <= end) {
				const at = (LEFT + (position - start + 1) * STEP).toFixed(1);
				parts.push(`<line class="cursor" data-replica="${escapeXml(lane.id)}" data-position="${position}" x1="${at}" x2="${at}" y1="${y(index) - 18}" y2="${y(index) + 18}"/>`);
			}
		});
	}
	parts.push('</g>');
	if (!visible.size) {
		parts.push(`<text class="empty" x="${LEFT + 8}" y="${y(0) - 18}">No ops applied yet in this window: write something.</text>`);
	}
	parts.push('</svg>');
	container.innerHTML = parts.join('');
	return { start, end, size };
}

/** The index of the first row at or after the position (rows sorted by position). */
function lowerBound(rows, position) {
	let low = 0;
	let high = rows.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (rows[middle].position < position) {
			low = middle + 1;
		}
		else {
			high = middle;
		}
	}
	return low;
}
