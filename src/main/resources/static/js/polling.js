// The refresh loop: every POLL_MS it reads every replica of the mode shown (Cluster.poll) and draws what changed;
// every SLOW_EVERY polls also the health components, the verifier and the lab. It stands still while paused or while
// time travel shows the past. The live indicator says which of these holds, or that no replica answers.
import { read } from './api.js';
import { renderLab, renderLatestCheck } from './lab.js';
import { labProcesses, renderHealth, renderVerdicts } from './panels.js';
import { escapeHtml } from './text.js';

const POLL_MS = 700;
const SLOW_EVERY = 3;
/** no replica answered for this long: the indicator says so */
const STALE_MS = 3000;

const $ = (selector) => document.querySelector(selector);

export class Poller {

	constructor(cluster, page, travel, view) {
		this.cluster = cluster;
		this.page = page;
		this.travel = travel;
		this.view = view;
		this.running = false;
		this.again = false;
		this.timer = null;
		this.polls = 0;
	}

	/** Polls now (or right after the poll in flight): after an action, the page shows its effect at once. */
	kick() {
		if (this.running) {
			this.again = true;
			return;
		}
		clearTimeout(this.timer);
		this.timer = setTimeout(() => this.loop(), 0);
	}

	async loop() {
		const { cluster, page } = this;
		clearTimeout(this.timer);
		this.running = true;
		this.again = false;
		try {
			// in the past the page stands still: the cards show the states read for the moment, not the polled ones
			if (!page.paused && !this.travel.past) {
				const mode = page.mode;
				await cluster.poll(mode);
				if ([...cluster.up.values()].some(Boolean)) {
					page.lastOk = Date.now();
				}
				this.view.render(false);
				// the page shows the replicas as polled (what tests wait for before they look)
				document.body.dataset.ready = 'true';
				// the slow reads draw their own panels; the verifier may take seconds, the cards need not wait for it
				if (this.polls++ % SLOW_EVERY === 0) {
					await this.slowPolls(mode);
				}
			}
		}
		catch (failure) {
			console.warn('dashboard poll failed', failure);
		}
		finally {
			this.running = false;
			this.updateLive();
			this.timer = setTimeout(() => this.loop(), this.again ? 0 : POLL_MS);
		}
	}

	async slowPolls(mode) {
		const { cluster, page } = this;
		const base = cluster.clusterUrl();
		const jobs = [];
		// pitfalls (issue 13): guarantees this replica breaks on purpose, shown as a red banner while any is on
		jobs.push(read(cluster.origin + '/actuator/health/pitfalls').then((health) => {
			const on = (health.ok && health.body && health.body.details && health.body.details.on) || [];
			const banner = $('#pitfalls-banner');
			banner.hidden = on.length === 0;
			banner.textContent = on.length ? 'PITFALLS ON: ' + on.join(', ') + ' — this replica breaks these guarantees on purpose' : '';
		}));
		if (page.lab === null) {
			// the heavier reads wait for the OpenAPI document, as they did when it was what showed them: a replica
			// that takes seconds to answer it is busy, and the cards' reads come first (each times out after 2.5 s)
			await Promise.all(jobs);
			return;
		}
		// the component alone: UP and DIVERGED answer 200, whereas the whole health answers 503 while Kafka is down
		jobs.push(read(cluster.origin + '/actuator/health/replication').then((health) => renderHealth($('#health'), health.body, mode)));
		jobs.push(read(base + '/api/cluster/verify?mode=' + mode, 8000).then((answer) => {
			if (mode !== page.mode) {
				return;
			}
			if (answer.ok) {
				renderVerdicts($('#verdicts'), answer.body);
			}
			else {
				$('#verdicts').innerHTML = `<p class="muted small">Verifier: ${answer.status === 404 ? 'not available for ' + escapeHtml(mode) : 'no answer (' + answer.status + ')'}.</p>`;
			}
		}));
		if (page.lab) {
			jobs.push(read(base + '/api/lab').then((answer) => {
				if (answer.status === 404) {
					// the replica answering for the cluster (this one is down) runs outside the lab
					page.lab = false;
					$('#lab-panel').hidden = true;
				}
				else {
					renderLab(answer.ok ? labProcesses(answer.body) : null);
				}
			}));
			jobs.push(read(base + '/api/lab/checks/latest').then((answer) => renderLatestCheck(base, answer)));
		}
		await Promise.all(jobs);
	}

	/** The indicator at the top right: live, paused, the past, or no replica answers. */
	updateLive() {
		const { page, travel } = this;
		const live = $('#live');
		const stale = Date.now() - page.lastOk > STALE_MS;
		live.className = 'live' + (travel.past ? ' past' : page.paused ? ' paused' : stale ? ' stale' : '');
		live.textContent = travel.past ? '⏪ the past' : page.paused ? '❚❚ paused' : stale ? '● no replica answers' : '● live';
	}

}
