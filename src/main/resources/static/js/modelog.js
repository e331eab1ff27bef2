// What the page keeps of one replica's logs in one mode: the newest WAL and applied rows, bounded (MAX_ROWS) so that
// a page left open on a busy cluster does not grow without end.

/**
 * The most WAL rows and the most applied rows the page keeps per replica and mode: beyond it the oldest are dropped
 * (the replica keeps them all; the cards and the diagram show the newest, time travel steps through the moments kept).
 */
export const MAX_ROWS = 5000;

/**
 * One replica's view of one mode: its newest WAL rows and applied rows (at most `limit` of each), indexed by op id
 * (an op's first row among those kept).
 */
export class ModeLog {
	constructor(limit = MAX_ROWS) {
		this.limit = limit;
		this.wal = [];
		this.applied = [];
		this.walByOp = new Map();
		this.appliedByOp = new Map();
		/** how many WAL rows of this mode the page has read, the dropped ones included: the replica's count to compare */
		this.walCount = 0;
		/** how many applied rows of this mode the page has read, the dropped ones included */
		this.appliedCount = 0;
		/** the newest applied row dropped: every kept row was applied after it; null while none was dropped */
		this.horizon = null;
		this.state = null;
	}

	lastLsn() {
		return this.wal.length ? this.wal[this.wal.length - 1].lsn : 0;
	}

	lastPosition() {
		return this.applied.length ? this.applied[this.applied.length - 1].position : 0;
	}

	addWal(rows) {
		index(this.wal, this.walByOp, rows);
		this.walCount += rows.length;
		this.wal = trim(this.wal, this.walByOp, this.limit).kept;
	}

	addApplied(rows) {
		index(this.applied, this.appliedByOp, rows);
		this.appliedCount += rows.length;
		const { kept, last } = trim(this.applied, this.appliedByOp, this.limit);
		this.applied = kept;
		this.horizon = last || this.horizon;
	}
}

function index(list, byOp, rows) {
	for (const row of rows) {
		list.push(row);
		if (!byOp.has(row.opId)) {
			byOp.set(row.opId, row);
		}
	}
}

/**
 * Drops the oldest rows beyond the limit, and their index entries. A new array when it drops any, so that a list
 * drawn from the old one sees it changed though its length stayed at the limit.
 */
function trim(rows, byOp, limit) {
	if (rows.length <= limit) {
		return { kept: rows, last: null };
	}
	const dropped = rows.slice(0, rows.length - limit);
	const kept = rows.slice(rows.length - limit);
	const orphans = new Set();
	for (const row of dropped) {
		if (byOp.get(row.opId) === row) {
			byOp.delete(row.opId);
			orphans.add(row.opId);
		}
	}
	// an op seen again later (a duplicate delivery) is indexed by its first row still kept
	if (orphans.size) {
		for (const row of kept) {
			if (orphans.has(row.opId) && !byOp.has(row.opId)) {
				byOp.set(row.opId, row);
			}
		}
	}
	return { kept, last: dropped[dropped.length - 1] };
}
