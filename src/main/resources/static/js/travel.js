// Time travel: the slider under the space-time diagram steps through the moments at which any replica applied an op,
// oldest first, and its right end is "live". At a moment in the past, every replica card shows that replica's state as
// it stood then, read from the replica itself with GET /api/{mode}/kv?asOf=<position> (directly, or through this
// origin's read proxy, the way the card reads it), the position being the last one its lane had applied by that moment
// (the cursor drawn on the lane). Positions, not times, are sent: a replica's clock may be set off (the lab's clock
// offset), and the page already knows from each lane which position stood when.
import { read } from './api.js';

/** An ISO-8601 instant as text that sorts in time order: the fraction padded to nanoseconds. */
export function instantKey(text) {
	const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(String(text));
	return match ? match[1] + '.' + (match[2] || '').padEnd(9, '0') + 'Z' : String(text);
}

/**
 * The distinct instants at which any lane applied an op, oldest first: [{key, text}]. Only from the newest lane's
 * horizon on (a lane that dropped its oldest rows, ModeLog.horizon): before it, that lane's position is not known.
 */
export function moments(lanes) {
	const from = lanes.reduce((newest, lane) => {
		const key = horizonKey(lane.log);
		return key > newest ? key : newest;
	}, '');
	const texts = new Map();
	for (const lane of lanes) {
		for (const row of lane.log.applied) {
			if (row.appliedAt) {
				const key = instantKey(row.appliedAt);
				if (key >= from && !texts.has(key)) {
					texts.set(key, row.appliedAt);
				}
			}
		}
	}
	return [...texts.keys()].sort().map((key) => ({ key, text: texts.get(key) }));
}

/** The last position of the log applied at or before the moment (0: nothing yet), as the server's asOfTime counts. */
export function positionAt(log, momentKey) {
	let position = log.horizon && horizonKey(log) <= momentKey ? log.horizon.position : 0;
	for (const row of log.applied) {
		if (row.position > position && row.appliedAt && instantKey(row.appliedAt) <= momentKey) {
			position = row.position;
		}
	}
	return position;
}

function horizonKey(log) {
	return log.horizon && log.horizon.appliedAt ? instantKey(log.horizon.appliedAt) : '';
}

/**
 * Where the page stands in time: live (polling) or at a moment, with each replica's position then and, once they
 * answer, the states read at those positions.
 */
export class TimeTravel {

	/**
	 * @param cluster the page's Cluster (replicas, logs, where each replica is read)
	 * @param changed called whenever what the page shows changes (a moment chosen, a state arrived, back to live)
	 */
	constructor(cluster, changed) {
		this.cluster = cluster;
		this.changed = changed;
		this.at = null;
		this.list = [];
		this.asked = 0;
	}

	/** Whether the page shows the past. */
	get past() {
		return this.at !== null;
	}

	/** The moments the slider steps through, refreshed from the lanes (only while live: the past stands still). */
	refresh(lanes) {
		if (!this.past) {
			this.list = moments(lanes);
		}
		return this.list;
	}

	/** The slider's value for where the page stands: 0 before the first apply, k after the k-th moment, the end live. */
	sliderValue() {
		if (!this.past) {
			return this.list.length;
		}
		return this.at.moment ? this.list.findIndex((moment) => moment.key === this.at.moment.key) + 1 : 0;
	}

	/** Goes to the slider's value: the end is live, anything before it a moment of the past. */
	async go(value, mode, lanes) {
		if (value >= this.list.length) {
			this.live();
			return;
		}
		const moment = value > 0 ? this.list[value - 1] : null;
		const positions = new Map(lanes.map((lane) => [lane.id, moment ? positionAt(lane.log, moment.key) : 0]));
		const asked = ++this.asked;
		// the states shown so far stay until the new ones answer: each says for which position it stands
		this.at = { moment, mode, positions, states: this.past ? this.at.states : new Map() };
		this.changed();
		const answers = await Promise.all(this.cluster.replicas.map(async (replica) => {
			const url = replica.base + '/api/' + mode + '/kv?asOf=' + positions.get(replica.id);
			const answer = this.cluster.up.get(replica.id) === false ? { ok: false, status: 0, text: 'down' } : await read(url);
			return [replica.id, answer.ok ? { state: answer.body } : { error: answer.status ? String(answer.status) : answer.text }];
		}));
		if (asked !== this.asked || !this.past) {
			return;
		}
		this.at.states = new Map(answers);
		this.changed();
	}

	/** Back to live: the cards show the polled state again, and polling resumes. */
	live() {
		this.asked++;
		const was = this.past;
		this.at = null;
		if (was) {
			this.changed();
		}
	}

	/** The replica's past as the card shows it: {position, state} or {position, error}; null while live. */
	pastOf(id) {
		if (!this.past) {
			return null;
		}
		return { position: this.at.positions.get(id) ?? 0, ...(this.at.states.get(id) || { pending: true }) };
	}

	/** Each lane's cursor (the last position applied at the moment); null while live. */
	cursors() {
		return this.past ? this.at.positions : null;
	}

	/** Words for the banner: when the page stands. */
	describe() {
		if (!this.past) {
			return 'live';
		}
		return this.at.moment ? 'Viewing the past at ' + this.at.moment.text : 'Viewing the past before the first apply';
	}

}
