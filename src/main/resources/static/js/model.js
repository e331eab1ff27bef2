// What the page knows about the cluster: the replicas (from /api/replica on this origin), whether each answers, and
// per mode and replica the WAL and applied log fetched incrementally (after= the last lsn or position seen), so a
// poll costs only what changed.
import { read } from './api.js';
import { MAX_ROWS, ModeLog } from './modelog.js';

export const MODES = ['local', 'total-order', 'reconcile'];
const PAGE = 1000;
const DOWN_RETRY_MS = 3000;

export class Cluster {

	/** @param limit the most rows of each log kept per replica and mode (MAX_ROWS; smaller in tests) */
	constructor(origin, limit = MAX_ROWS) {
		this.origin = origin;
		this.limit = limit;
		this.selfId = null;
		this.replicas = [];
		this.info = new Map();
		this.up = new Map();
		this.lastTry = new Map();
		this.logs = new Map();
		this.version = 0;
	}

	/** Reads this origin's /api/replica: who serves the page and its peers (id -> URL). */
	async discover() {
		const answer = await read(this.origin + '/api/replica');
		if (!answer.ok || !answer.body || !answer.body.id) {
			return false;
		}
		const me = answer.body;
		this.selfId = me.id;
		const urls = new Map([[me.id, this.origin]]);
		for (const [id, url] of Object.entries(me.peers || {})) {
			urls.set(id, String(url).replace(/\/+$/, ''));
		}
		const ids = [...urls.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
		// base: where the page reads the replica; via: the replica that relays those reads, when not direct
		this.replicas = ids.map((id, index) => ({ id, url: urls.get(id), base: urls.get(id), via: null, index }));
		this.info.set(me.id, me);
		this.up.set(me.id, true);
		return true;
	}

	/** Where to send cluster-wide calls (verify, partition, lab): this origin, or another replica while it is down. */
	clusterUrl() {
		if (this.up.get(this.selfId) !== false) {
			return this.origin;
		}
		const other = this.replicas.find((replica) => this.up.get(replica.id) && !replica.via);
		return other ? other.url : this.origin;
	}

	/**
	 * Reads a replica's /api/replica where it answered last; else once the other way, which becomes the way if it
	 * answers. The two ways: directly at its URL (the lab, where the browser reaches every replica, and where the page
	 * goes on showing the others while the replica serving it is down) or through this origin's read proxy (compose
	 * and Kubernetes, where peer URLs are names only the cluster resolves). Only the way in use is asked while it
	 * answers, so an unreachable address costs one failed request, not one per poll. A direct read that timed out
	 * stays direct: a slow (or paused) replica is not an unreachable one, and a replica read through the proxy cannot
	 * be written to from this page.
	 */
	async readReplica(replica) {
		const answer = await read(replica.base + '/api/replica');
		if (answer.ok || replica.id === this.selfId || (!replica.via && answer.text === 'timed out')) {
			return answer;
		}
		const proxy = this.origin + '/api/cluster/replicas/' + encodeURIComponent(replica.id);
		const other = replica.via ? replica.url : proxy;
		const second = await read(other + '/api/replica');
		if (second.ok) {
			replica.base = other;
			replica.via = other === proxy ? this.selfId : null;
			return second;
		}
		return answer;
	}

	replica(id) {
		return this.replicas.find((replica) => replica.id === id);
	}

	/** The palette slot of an origin: replicas in id order, anything unknown in the last slot. */
	colorOf(origin) {
		const replica = this.replica(origin);
		return 'var(--o' + (replica ? Math.min(replica.index, 5) : 6) + ')';
	}

	/** The modes that at least one answering replica lists in its /api/replica. */
	availableModes() {
		const modes = new Set();
		for (const [id, info] of this.info) {
			if (this.up.get(id) && info && info.modes) {
				Object.keys(info.modes).forEach((mode) => modes.add(mode));
			}
		}
		return modes;
	}

	log(mode, id) {
		const key = mode + '|' + id;
		if (!this.logs.has(key)) {
			this.logs.set(key, new ModeLog(this.limit));
		}
		return this.logs.get(key);
	}

	async poll(mode) {
		await Promise.all(this.replicas.map((replica) => this.pollReplica(replica, mode)));
	}

	async pollReplica(replica, mode) {
		// a replica that is down is asked again every few seconds only: each refused connection costs a console line
		const now = Date.now();
		if (this.up.get(replica.id) === false && now - (this.lastTry.get(replica.id) || 0) < DOWN_RETRY_MS) {
			return;
		}
		this.lastTry.set(replica.id, now);
		const answer = await this.readReplica(replica);
		const wasUp = this.up.get(replica.id);
		if (!answer.ok || !answer.body) {
			this.up.set(replica.id, false);
			if (wasUp !== false) {
				this.version++;
			}
			return;
		}
		const info = answer.body;
		const previous = this.info.get(replica.id);
		this.info.set(replica.id, info);
		this.up.set(replica.id, true);
		if (wasUp !== true || JSON.stringify(previous) !== JSON.stringify(info)) {
			this.version++;
		}
		const counts = info.modes && info.modes[mode];
		if (!counts) {
			return;
		}
		let log = this.log(mode, replica.id);
		if ((typeof counts.walEntries === 'number' && counts.walEntries < log.walCount)
				|| (typeof counts.applied === 'number' && counts.applied < log.lastPosition())) {
			// the replica lost its data (a fresh data directory): start over
			this.logs.delete(mode + '|' + replica.id);
			log = this.log(mode, replica.id);
			this.version++;
		}
		const base = replica.base + '/api/replica/';
		const jobs = [];
		if (typeof counts.walEntries !== 'number' || counts.walEntries > log.walCount) {
			jobs.push(read(base + 'wal?mode=' + mode + '&after=' + log.lastLsn() + '&limit=' + PAGE).then((page) => {
				if (page.ok && Array.isArray(page.body) && page.body.length) {
					log.addWal(page.body.filter((row) => row.lsn > log.lastLsn()));
					this.version++;
				}
			}));
		}
		if (typeof counts.applied !== 'number' || counts.applied > log.lastPosition()) {
			jobs.push(read(base + 'applied?mode=' + mode + '&after=' + log.lastPosition() + '&limit=' + PAGE).then((page) => {
				if (page.ok && Array.isArray(page.body) && page.body.length) {
					log.addApplied(page.body.filter((row) => row.position > log.lastPosition()));
					this.version++;
				}
			}));
		}
		jobs.push(read(replica.base + '/api/' + mode + '/kv').then((state) => {
			if (state.ok && state.body && JSON.stringify(state.body) !== JSON.stringify(log.state)) {
				log.state = state.body;
				this.version++;
			}
		}));
		await Promise.all(jobs);
	}
}

/** Counts the pairs of ops two replicas applied in opposite orders: the crossings of the lines between their lanes. */
export function crossings(first, second) {
	const shared = [];
	for (const row of first.applied) {
		const other = second.appliedByOp.get(row.opId);
		if (other && first.appliedByOp.get(row.opId) === row) {
			shared.push(other.position);
		}
	}
	return { shared: shared.length, crossings: inversions(shared) };
}

function inversions(values) {
	if (values.length < 2) {
		return 0;
	}
	const middle = values.length >> 1;
	const left = values.slice(0, middle);
	const right = values.slice(middle);
	let count = inversions(left) + inversions(right);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < left.length && j < right.length) {
		if (left[i] <= right[j]) {
			values[k++] = left[i++];
		}
		else {
			values[k++] = right[j++];
			count += left.length - i;
		}
	}
	while (i < left.length) {
		values[k++] = left[i++];
	}
	while (j < right.length) {
		values[k++] = right[j++];
	}
	return count;
}

/**
 * An op's label on a chip: the last 8 hex digits of its id. Not the first: the ids replicas make are time-ordered
 * (UUID version 7), and their first 8 digits are the same for every write of the same minute; their last 12 digits
 * are random, as are all of a version-4 id's.
 */
export function shortId(opId) {
	return String(opId || '').slice(-8);
}
