// Drawing what the page knows about the mode shown: which tabs and write targets are available, the replica cards,
// the space-time diagram and its window, the order and digest summary, the time slider and the pinned op's details.
// A poll draws again only when the cluster's version moved; a click forces it.
import { crossings } from './model.js';
import { drawDiagram, windowSize } from './diagram.js';
import { OpDetails } from './details.js';
import { ReplicaCard } from './card.js';
import { describePartition, escapeHtml } from './text.js';

const $ = (selector) => document.querySelector(selector);

export class View {

	constructor(cluster, page, travel) {
		this.cluster = cluster;
		this.page = page;
		this.travel = travel;
		this.cards = new Map();
		this.details = new OpDetails(cluster, page, () => this.pin(null));
		this.renderedVersion = -1;
	}

	/** One card per replica, once the replicas are known. */
	addCards() {
		const container = $('#replicas');
		for (const replica of this.cluster.replicas) {
			const card = new ReplicaCard(replica, this.page);
			this.cards.set(replica.id, card);
			container.appendChild(card.element);
		}
	}

	/** @param force draw even if nothing changed since the last drawing (the mode, the window or the pin did) */
	render(force) {
		const { cluster, page, travel } = this;
		if (!cluster.replicas.length) {
			return;
		}
		const mode = page.mode;
		const available = cluster.availableModes();
		document.querySelectorAll('.tabs button').forEach((tab) => {
			const missing = available.size > 0 && !available.has(tab.dataset.mode);
			tab.classList.toggle('unavailable', missing);
			tab.title = missing ? 'not available on these replicas' : '';
		});
		// writes go to the chosen replica itself: one read only through the proxy cannot be written to from this page
		[...$('#write-replica').options].forEach((option) => {
			const via = cluster.replica(option.value).via;
			option.disabled = Boolean(via);
			option.title = via ? 'this browser reaches ' + option.value + ' only through ' + via + ' (reads only): open its own page to write to it' : '';
		});
		if ($('#write-replica').selectedOptions[0] && $('#write-replica').selectedOptions[0].disabled) {
			$('#write-replica').value = cluster.selfId;
		}
		[...$('#write-mode').options].forEach((option) => {
			option.disabled = available.size > 0 && !available.has(option.value);
		});
		const unavailable = available.size > 0 && !available.has(mode);
		$('#mode-unavailable').hidden = !unavailable;
		$('#diagram-panel').hidden = unavailable;
		$('#replicas').hidden = unavailable;
		$('#burst-submit').disabled = unavailable;
		if (!force && this.renderedVersion === cluster.version) {
			return;
		}
		this.renderedVersion = cluster.version;
		const ids = cluster.replicas.map((r) => r.id);
		for (const replica of cluster.replicas) {
			this.cards.get(replica.id).update(mode, cluster.up.get(replica.id) !== false, cluster.info.get(replica.id), cluster.log(mode, replica.id), ids, force,
				travel.pastOf(replica.id));
		}
		this.renderDiagram();
		this.renderSummary();
		this.renderPartitionNow();
		if (page.pinned) {
			this.details.render();
		}
	}

	/** The lanes of the mode shown: [{id, up, log}] in replica order. */
	lanes() {
		const cluster = this.cluster;
		return cluster.replicas.map((replica) => ({ id: replica.id, up: cluster.up.get(replica.id) !== false, log: cluster.log(this.page.mode, replica.id) }));
	}

	renderDiagram() {
		const { page, travel } = this;
		const container = $('#diagram');
		const all = this.lanes();
		const maxPosition = Math.max(1, ...all.map((lane) => lane.log.lastPosition()));
		// the first position any lane still keeps: 1 until every lane has dropped its oldest rows (ModeLog, MAX_ROWS)
		const firstStart = Math.min(maxPosition, ...all.map((lane) => (lane.log.horizon ? lane.log.horizon.position + 1 : 1)));
		const size = windowSize(container);
		const lastStart = Math.max(firstStart, maxPosition - size + 1);
		const cursors = travel.cursors();
		if (cursors && page.windowToMoment) {
			// a moment chosen brings the window to it: the latest lane cursor two thirds of the way across
			page.windowToMoment = false;
			const latest = Math.max(0, ...cursors.values());
			page.windowStart = Math.min(lastStart, Math.max(firstStart, latest - Math.floor(size * 2 / 3)));
		}
		else if (page.follow || page.windowStart > lastStart) {
			page.windowStart = lastStart;
		}
		page.windowStart = Math.max(firstStart, page.windowStart);
		const slider = $('#window-start');
		slider.min = String(firstStart);
		slider.max = String(lastStart);
		slider.value = String(page.windowStart);
		slider.disabled = lastStart === firstStart;
		const drawn = drawDiagram(container, all, page.windowStart, page.colorOf, page.pinned, cursors);
		$('#window-label').textContent = `positions ${drawn.start}–${Math.min(drawn.end, maxPosition)} of ${maxPosition}`;
		this.renderTravel(all);
		if (page.hovered) {
			this.highlight(page.hovered, true);
		}
	}

	/** For each pair of lanes: same order or how many crossings; then whether the states' digests are equal. */
	renderSummary() {
		const travel = this.travel;
		const all = this.lanes().filter((lane) => lane.up);
		const pills = [];
		for (let i = 0; i < all.length; i++) {
			for (let j = i + 1; j < all.length; j++) {
				const { shared, crossings: count } = crossings(all[i].log, all[j].log);
				const pair = `${escapeHtml(all[i].id)} ↔ ${escapeHtml(all[j].id)}`;
				if (!shared) {
					pills.push(`<span class="pill neutral">${pair}: no shared ops</span>`);
				}
				else if (count === 0) {
					pills.push(`<span class="pill good">${pair}: same order (${shared} shared)</span>`);
				}
				else {
					pills.push(`<span class="pill warn">${pair}: ${count} crossing${count === 1 ? '' : 's'} (${shared} shared)</span>`);
				}
			}
		}
		const stateOf = (lane) => (travel.past ? (travel.pastOf(lane.id).state || null) : lane.log.state);
		const digests = all.map((lane) => stateOf(lane) && stateOf(lane).digest).filter(Boolean);
		if (digests.length > 1) {
			const same = digests.every((digest) => digest === digests[0]);
			const when = travel.past ? ' at the moment shown' : '';
			pills.push(same ? `<span class="pill good" id="digest-verdict">states equal${when}: same digest</span>`
				: `<span class="pill bad" id="digest-verdict">states differ${when}: ${new Set(digests).size} digests</span>`);
		}
		$('#order-summary').innerHTML = pills.join(' ');
	}

	/** The time slider (its end is live) and the banner that says the page shows the past. */
	renderTravel(all) {
		const travel = this.travel;
		const list = travel.refresh(all);
		const slider = $('#travel');
		slider.max = String(list.length);
		slider.value = String(travel.sliderValue());
		slider.disabled = list.length === 0;
		const value = travel.sliderValue();
		$('#travel-label').textContent = travel.past ? `moment ${value} of ${list.length}` : `live · ${list.length} moments`;
		$('#travel-banner').hidden = !travel.past;
		$('#travel-text').textContent = travel.past ? travel.describe()
			+ ' · each replica as of the last op it had applied by then, read with ?asOf=; live updates paused' : '';
	}

	renderPartitionNow() {
		const info = this.cluster.info.get(this.cluster.selfId);
		if (info && 'partition' in info) {
			$('#partition-now').textContent = 'In force on ' + this.cluster.selfId + ': ' + describePartition(info.partition);
		}
	}

	renderDetails() {
		this.details.render();
	}

	highlight(opId, on) {
		if (!opId) {
			return;
		}
		const selector = `[data-op="${CSS.escape(opId)}"]`;
		document.querySelectorAll('#diagram ' + selector).forEach((element) => element.classList.toggle('hl', on));
	}

	/** Lights up the op under the pointer (null: none) in the diagram and every card. */
	hover(opId) {
		const page = this.page;
		if (opId === page.hovered) {
			return;
		}
		this.highlight(page.hovered, false);
		page.hovered = opId;
		this.highlight(opId, true);
		this.cards.forEach((card) => card.refreshRows());
	}

	/** Pins the op's details (null, or the op pinned already: unpins). */
	pin(opId) {
		this.page.pinned = (opId === this.page.pinned) ? null : opId;
		this.details.render();
		this.render(true);
	}

}
