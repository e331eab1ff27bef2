// Moving around the page: theme, pause, the mode tabs (and #mode in the address), hovering and pinning ops, the
// diagram's window, following the newest position, and time travel.
import { MODES } from './model.js';

const BLURBS = {
	'local': 'local: each replica appends to its own WAL and applies at once. Nothing travels, so each lane keeps its own ops and the states drift apart: a WAL gives durability, not consistency.',
	'total-order': 'total-order: every write goes through one single-partition Kafka topic and every replica applies the topic in offset order. The lines are vertical: the applied order is the same everywhere.',
	'reconcile': 'reconcile: replicas accept writes locally and pull missing deltas from each other; vector clocks keep concurrent writes as siblings. Lines cross (different apply orders), yet the digests meet once replicas can talk.',
};
const THEME_KEY = 'replication-lab-theme';

const $ = (selector) => document.querySelector(selector);

export class Navigation {

	constructor(page, travel, view, poller) {
		this.page = page;
		this.travel = travel;
		this.view = view;
		this.poller = poller;
		this.initChrome();
		this.initDiagram();
	}

	initChrome() {
		const page = this.page;
		const root = document.documentElement;
		const saved = localStorage.getItem(THEME_KEY);
		if (saved) {
			root.dataset.theme = saved;
		}
		$('#theme').addEventListener('click', () => {
			const dark = root.dataset.theme ? root.dataset.theme === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
			root.dataset.theme = dark ? 'light' : 'dark';
			localStorage.setItem(THEME_KEY, root.dataset.theme);
		});
		$('#pause').addEventListener('click', () => {
			page.paused = !page.paused;
			$('#pause').setAttribute('aria-pressed', String(page.paused));
			$('#pause').textContent = page.paused ? 'Resume' : 'Pause';
			this.poller.kick();
		});
		document.querySelectorAll('.tabs button').forEach((tab) => tab.addEventListener('click', () => this.selectMode(tab.dataset.mode)));
		$('.tabs').addEventListener('keydown', (event) => {
			if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') {
				return;
			}
			const index = MODES.indexOf(page.mode) + (event.key === 'ArrowRight' ? 1 : MODES.length - 1);
			this.selectMode(MODES[index % MODES.length]);
			$('#tab-' + page.mode).focus();
		});
		window.addEventListener('hashchange', () => {
			const mode = window.location.hash.slice(1);
			if (MODES.includes(mode) && mode !== page.mode) {
				this.selectMode(mode);
			}
		});
		window.addEventListener('resize', () => this.view.render(true));
	}

	initDiagram() {
		const { page, travel, view } = this;
		for (const area of [$('#diagram'), $('#replicas')]) {
			area.addEventListener('mouseover', (event) => {
				const target = event.target.closest('[data-op]');
				view.hover(target ? target.dataset.op : null);
			});
			area.addEventListener('mouseleave', () => view.hover(null));
			area.addEventListener('click', (event) => {
				const target = event.target.closest('[data-op]');
				if (target) {
					view.pin(target.dataset.op);
				}
			});
		}
		$('#window-start').addEventListener('input', (event) => {
			page.follow = false;
			page.windowStart = Number(event.target.value);
			$('#follow').setAttribute('aria-pressed', 'false');
			view.render(true);
		});
		$('#travel').addEventListener('input', (event) => {
			travel.go(Number(event.target.value), page.mode, view.lanes());
		});
		$('#travel-live').addEventListener('click', () => travel.live());
		$('#follow').addEventListener('click', () => {
			travel.live();
			page.follow = true;
			$('#follow').setAttribute('aria-pressed', 'true');
			view.render(true);
		});
	}

	selectMode(mode) {
		const page = this.page;
		page.mode = mode;
		page.pinned = null;
		page.hovered = null;
		page.follow = true;
		this.travel.live();
		if (window.location.hash.slice(1) !== mode) {
			history.replaceState(null, '', '#' + mode);
		}
		document.querySelectorAll('.tabs button').forEach((tab) => {
			const selected = tab.dataset.mode === mode;
			tab.setAttribute('aria-selected', String(selected));
			tab.tabIndex = selected ? 0 : -1;
		});
		$('#mode-panel').setAttribute('aria-labelledby', 'tab-' + mode);
		$('#write-mode').value = mode;
		$('#mode-blurb').textContent = BLURBS[mode];
		$('#verdicts').innerHTML = '';
		this.view.renderDetails();
		this.view.render(true);
		this.poller.kick();
	}

	/** Time travel moved (a moment chosen, its states arrived, or back to live). */
	travelled() {
		const page = this.page;
		if (!this.travel.past) {
			page.follow = true;
			$('#follow').setAttribute('aria-pressed', 'true');
			this.poller.kick();
		}
		else {
			page.follow = false;
			page.windowToMoment = true;
			$('#follow').setAttribute('aria-pressed', 'false');
		}
		this.poller.updateLive();
		this.view.render(true);
	}

}
