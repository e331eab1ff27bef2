// The dashboard: discovers the replicas from this origin's /api/replica, polls each one directly (CORS) or, when the
// browser cannot reach it, through this origin's read proxy (model.js, readReplica), and draws
// the WAL, applied logs, state and space-time diagram of the selected mode. Optional features (verifier, partition,
// lab) show only when this replica serves them.
import { act, clearCalls, onCall, read, recordedCalls } from './api.js';
import { Cluster, MODES, crossings, shortId } from './model.js';
import { drawDiagram, windowSize } from './diagram.js';
import { ReplicaCard, compact, describePartition, escapeHtml, labProcesses, renderCall, renderHealth, renderVerdicts } from './panels.js';
import { TimeTravel } from './travel.js';

const POLL_MS = 700;
const SLOW_EVERY = 3;

const BLURBS = {
	'local': 'local: each replica appends to its own WAL and applies at once. Nothing travels, so each lane keeps its own ops and the states drift apart: a WAL gives durability, not consistency.',
	'total-order': 'total-order: every write goes through one single-partition Kafka topic and every replica applies the topic in offset order. The lines are vertical: the applied order is the same everywhere.',
	'reconcile': 'reconcile: replicas accept writes locally and pull missing deltas from each other; vector clocks keep concurrent writes as siblings. Lines cross (different apply orders), yet the digests meet once replicas can talk.',
};

const cluster = new Cluster(window.location.origin);
const page = {
	mode: MODES.includes(window.location.hash.slice(1)) ? window.location.hash.slice(1) : 'local',
	hovered: null,
	pinned: null,
	follow: true,
	windowStart: 1,
	windowToMoment: false,
	paused: false,
	features: { replicationHealth: false, verify: false, partition: false, lab: false },
	colorOf: (origin) => cluster.colorOf(origin),
	lastOk: 0,
	ready: false,
};
window.dashboard = { page, cluster, calls: recordedCalls };

const $ = (selector) => document.querySelector(selector);
const cards = new Map();
const travel = new TimeTravel(cluster, travelled);
let renderedVersion = -1;
let tick = 0;
let kickTimer = null;

// ---- theme, tabs, pause ------------------------------------------------------------------------------------------

function initChrome() {
	const saved = localStorage.getItem('replication-lab-theme');
	if (saved) {
		document.documentElement.dataset.theme = saved;
	}
	$('#theme').addEventListener('click', () => {
		const dark = document.documentElement.dataset.theme
			? document.documentElement.dataset.theme === 'dark'
			: window.matchMedia('(prefers-color-scheme: dark)').matches;
		document.documentElement.dataset.theme = dark ? 'light' : 'dark';
		localStorage.setItem('replication-lab-theme', document.documentElement.dataset.theme);
	});
	$('#pause').addEventListener('click', () => {
		page.paused = !page.paused;
		$('#pause').setAttribute('aria-pressed', String(page.paused));
		$('#pause').textContent = page.paused ? 'Resume' : 'Pause';
		kick();
	});
	document.querySelectorAll('.tabs button').forEach((tab) => tab.addEventListener('click', () => selectMode(tab.dataset.mode)));
	$('.tabs').addEventListener('keydown', (event) => {
		if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') {
			return;
		}
		const index = MODES.indexOf(page.mode) + (event.key === 'ArrowRight' ? 1 : MODES.length - 1);
		selectMode(MODES[index % MODES.length]);
		$('#tab-' + page.mode).focus();
	});
	window.addEventListener('hashchange', () => {
		const mode = window.location.hash.slice(1);
		if (MODES.includes(mode) && mode !== page.mode) {
			selectMode(mode);
		}
	});
	window.addEventListener('resize', () => render(true));
}

function selectMode(mode) {
	page.mode = mode;
	page.pinned = null;
	page.hovered = null;
	page.follow = true;
	travel.live();
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
	renderDetails();
	render(true);
	kick();
}

// ---- discovery and features --------------------------------------------------------------------------------------

async function discover() {
	while (!(await cluster.discover())) {
		$('#served-by').textContent = 'waiting for /api/replica on ' + window.location.host + '…';
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	$('#served-by').textContent = 'served by ' + cluster.selfId + ' · ' + cluster.replicas.length + ' replicas';
	const container = $('#replicas');
	for (const replica of cluster.replicas) {
		const card = new ReplicaCard(replica, page);
		cards.set(replica.id, card);
		container.appendChild(card.element);
	}
	$('#write-replica').innerHTML = cluster.replicas.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(r.id)}</option>`).join('');
	$('#write-mode').innerHTML = MODES.map((m) => `<option value="${m}">${m}</option>`).join('');
	$('#write-mode').value = page.mode;
	$('#partition-rows').innerHTML = cluster.replicas.map((r) => `<tr data-replica="${escapeHtml(r.id)}">`
		+ `<th scope="row"><span class="opid" style="--origin:${cluster.colorOf(r.id)}">${escapeHtml(r.id)}</span></th>`
		+ `<td><select aria-label="Group of ${escapeHtml(r.id)}" class="group"><option value="A">A</option><option value="B">B</option><option value="C">C</option></select></td>`
		+ `<td><input type="checkbox" class="kafka" checked aria-label="${escapeHtml(r.id)} reaches Kafka"></td></tr>`).join('');
}

/** Which optional endpoints this replica serves: from its OpenAPI document, else by probing (404 = absent). */
async function detectFeatures() {
	const docs = await read(cluster.origin + '/v3/api-docs', 30000);
	if (docs.ok && docs.body && docs.body.paths) {
		const paths = Object.keys(docs.body.paths);
		return {
			// the cluster module brings both the verifier and the replication health component
			replicationHealth: paths.includes('/api/cluster/verify'),
			verify: paths.includes('/api/cluster/verify'),
			partition: paths.includes('/api/cluster/partition'),
			lab: paths.includes('/api/lab'),
		};
	}
	const [verify, partition, lab] = await Promise.all([
		read(cluster.origin + '/api/cluster/verify?mode=local'), read(cluster.origin + '/api/cluster/partition'), read(cluster.origin + '/api/lab')]);
	const present = (answer) => answer.status !== 0 && answer.status !== 404;
	return { replicationHealth: present(verify), verify: present(verify), partition: present(partition), lab: present(lab) };
}

// ---- polling -----------------------------------------------------------------------------------------------------

let running = false;
let again = false;

/** Polls now (or right after the poll in flight): after an action, the page shows its effect at once. */
function kick() {
	if (running) {
		again = true;
		return;
	}
	clearTimeout(kickTimer);
	kickTimer = setTimeout(loop, 0);
}

async function loop() {
	clearTimeout(kickTimer);
	running = true;
	again = false;
	try {
		// in the past the page stands still: the cards show the states read for the moment, not the polled ones
		if (!page.paused && !travel.past) {
			const mode = page.mode;
			await cluster.poll(mode);
			if ([...cluster.up.values()].some(Boolean)) {
				page.lastOk = Date.now();
			}
			if (tick++ % SLOW_EVERY === 0) {
				await slowPolls(mode);
			}
			render(false);
			page.ready = true;
		}
	}
	catch (failure) {
		window.dashboard.lastError = String(failure && failure.stack || failure);
		console.warn('dashboard poll failed', failure);
	}
	finally {
		running = false;
		updateLive();
		kickTimer = setTimeout(loop, again ? 0 : POLL_MS);
	}
}

async function slowPolls(mode) {
	const base = cluster.clusterUrl();
	const jobs = [];
	if (page.features.replicationHealth) {
		// the component alone: UP and DIVERGED answer 200, whereas the whole health answers 503 while Kafka is down
		jobs.push(read(cluster.origin + '/actuator/health/replication').then((health) => renderHealth($('#health'), health.body, mode)));
	}
	// pitfalls (issue 13): guarantees this replica breaks on purpose, shown as a red banner while any is on
	jobs.push(read(cluster.origin + '/actuator/health/pitfalls').then((health) => {
		const on = (health.ok && health.body && health.body.details && health.body.details.on) || [];
		const banner = $('#pitfalls-banner');
		banner.hidden = on.length === 0;
		banner.textContent = on.length ? 'PITFALLS ON: ' + on.join(', ') + ' — this replica breaks these guarantees on purpose' : '';
	}));
	if (page.features.verify) {
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
	}
	if (page.features.lab) {
		jobs.push(read(base + '/api/lab').then((answer) => {
			if (answer.status === 404) {
				page.features.lab = false;
				$('#lab-panel').hidden = true;
			}
			else {
				renderLab(answer.ok ? labProcesses(answer.body) : null);
			}
		}));
		// the newest run of the checker (./mvnw -Pcheck verify), if any: 204 when none, and then no link at all
		jobs.push(read(base + '/api/lab/checks/latest').then((answer) => renderLatestCheck(base, answer)));
	}
	await Promise.all(jobs);
}

function renderLatestCheck(base, answer) {
	const line = $('#latest-check');
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

function updateLive() {
	const live = $('#live');
	const stale = Date.now() - page.lastOk > 3000;
	live.className = 'live' + (travel.past ? ' past' : page.paused ? ' paused' : stale ? ' stale' : '');
	live.textContent = travel.past ? '⏪ the past' : page.paused ? '❚❚ paused' : stale ? '● no replica answers' : '● live';
}

// ---- rendering ---------------------------------------------------------------------------------------------------

function render(force) {
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
	if (!force && renderedVersion === cluster.version) {
		return;
	}
	renderedVersion = cluster.version;
	const ids = cluster.replicas.map((r) => r.id);
	for (const replica of cluster.replicas) {
		cards.get(replica.id).update(mode, cluster.up.get(replica.id) !== false, cluster.info.get(replica.id), cluster.log(mode, replica.id), ids, force,
			travel.pastOf(replica.id));
	}
	renderDiagram();
	renderSummary();
	renderPartitionNow();
	if (page.pinned) {
		renderDetails();
	}
}

function lanes() {
	return cluster.replicas.map((replica) => ({ id: replica.id, up: cluster.up.get(replica.id) !== false, log: cluster.log(page.mode, replica.id) }));
}

function renderDiagram() {
	const container = $('#diagram');
	const all = lanes();
	const maxPosition = Math.max(1, ...all.map((lane) => lane.log.lastPosition()));
	const size = windowSize(container);
	const lastStart = Math.max(1, maxPosition - size + 1);
	const cursors = travel.cursors();
	if (cursors && page.windowToMoment) {
		// a moment chosen brings the window to it: the latest lane cursor two thirds of the way across
		page.windowToMoment = false;
		const latest = Math.max(0, ...cursors.values());
		page.windowStart = Math.min(lastStart, Math.max(1, latest - Math.floor(size * 2 / 3)));
	}
	else if (page.follow || page.windowStart > lastStart) {
		page.windowStart = lastStart;
	}
	const slider = $('#window-start');
	slider.max = String(lastStart);
	slider.value = String(page.windowStart);
	slider.disabled = lastStart === 1;
	const drawn = drawDiagram(container, all, page.windowStart, page.colorOf, page.pinned, cursors);
	$('#window-label').textContent = `positions ${drawn.start}–${Math.min(drawn.end, maxPosition)} of ${maxPosition}`;
	renderTravel(all);
	if (page.hovered) {
		highlight(page.hovered, true);
	}
}

function renderSummary() {
	const all = lanes().filter((lane) => lane.up);
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
function renderTravel(all) {
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

/** Time travel moved (a moment chosen, its states arrived, or back to live). */
function travelled() {
	if (!travel.past) {
		page.follow = true;
		$('#follow').setAttribute('aria-pressed', 'true');
		kick();
	}
	else {
		page.follow = false;
		page.windowToMoment = true;
		$('#follow').setAttribute('aria-pressed', 'false');
	}
	updateLive();
	render(true);
}

function renderDetails() {
	const container = $('#op-details');
	const opId = page.pinned;
	if (!opId) {
		container.innerHTML = '<p class="muted small">Hover an op to highlight it everywhere; click it to pin its details on every replica.</p>';
		return;
	}
	let head = null;
	const rows = cluster.replicas.map((replica) => {
		const log = cluster.log(page.mode, replica.id);
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
	container.innerHTML = `<p class="small"><strong>op</strong> <code>${escapeHtml(opId)}</code> from <strong>${escapeHtml(head ? head.origin : '?')}</strong>`
		+ ` · <code>${escapeHtml(head ? head.key : '')}${value !== '' ? '=' + escapeHtml(value) : ''}</code>${traceLink(opId)} <button type="button" class="ghost small" id="unpin">Unpin</button></p>`
		+ `<table><thead><tr><th scope="col">replica</th><th scope="col">WAL</th><th scope="col">source</th><th scope="col">applied</th><th scope="col">outcome</th><th scope="col">detail</th><th scope="col">API</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
	$('#unpin').addEventListener('click', () => pin(null));
}

// The op's trace in Zipkin, when this replica knows a Zipkin UI (tracing.ui-url) and traced the op; asked once per op
// (again a few seconds later while it has none: the op may not be traced here yet).
const traceUrls = new Map();

function traceLink(opId) {
	// only an op this replica holds has a status here: asking for any other would be a 404 in the console
	const here = cluster.log(page.mode, cluster.selfId);
	const known = here && (here.walByOp.has(opId) || here.appliedByOp.has(opId));
	if (known && !traceUrls.has(opId)) {
		traceUrls.set(opId, null);
		fetch(cluster.origin + '/api/replica/ops/' + encodeURIComponent(opId))
			.then((answer) => (answer.ok ? answer.json() : null))
			.then((op) => {
				if (op && op.traceUrl) {
					traceUrls.set(opId, op.traceUrl);
					if (page.pinned === opId) {
						renderDetails();
					}
				}
				else {
					setTimeout(() => traceUrls.delete(opId), 5000);
				}
			})
			.catch(() => setTimeout(() => traceUrls.delete(opId), 5000));
	}
	const url = traceUrls.get(opId);
	return url ? ` · <a id="trace-link" href="${escapeHtml(url)}" target="_blank" rel="noopener">trace in Zipkin</a>` : '';
}

function renderPartitionNow() {
	const info = cluster.info.get(cluster.selfId);
	if (info && 'partition' in info) {
		$('#partition-now').textContent = 'In force on ' + cluster.selfId + ': ' + describePartition(info.partition);
	}
}

function renderLab(processes) {
	const container = $('#lab-processes');
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

// ---- hover and pin -----------------------------------------------------------------------------------------------

function highlight(opId, on) {
	if (!opId) {
		return;
	}
	const selector = `[data-op="${CSS.escape(opId)}"]`;
	document.querySelectorAll('#diagram ' + selector).forEach((element) => element.classList.toggle('hl', on));
}

function hover(opId) {
	if (opId === page.hovered) {
		return;
	}
	highlight(page.hovered, false);
	page.hovered = opId;
	highlight(opId, true);
	cards.forEach((card) => card.refreshRows());
}

function pin(opId) {
	page.pinned = (opId === page.pinned) ? null : opId;
	renderDetails();
	render(true);
}

function initInteractions() {
	for (const area of [$('#diagram'), $('#replicas')]) {
		area.addEventListener('mouseover', (event) => {
			const target = event.target.closest('[data-op]');
			hover(target ? target.dataset.op : null);
		});
		area.addEventListener('mouseleave', () => hover(null));
		area.addEventListener('click', (event) => {
			const target = event.target.closest('[data-op]');
			if (target) {
				pin(target.dataset.op);
			}
		});
	}
	$('#window-start').addEventListener('input', (event) => {
		page.follow = false;
		page.windowStart = Number(event.target.value);
		$('#follow').setAttribute('aria-pressed', 'false');
		render(true);
	});
	$('#travel').addEventListener('input', (event) => {
		travel.go(Number(event.target.value), page.mode, lanes());
	});
	$('#travel-live').addEventListener('click', () => travel.live());
	$('#follow').addEventListener('click', () => {
		travel.live();
		page.follow = true;
		$('#follow').setAttribute('aria-pressed', 'true');
		render(true);
	});
}

// ---- controls: every action goes through act() and lands in the calls log ----------------------------------------

function kvUrl(replicaId, mode, key, awaitLevel) {
	const replica = cluster.replica(replicaId);
	return replica.url + '/api/' + mode + '/kv/' + encodeURIComponent(key) + (awaitLevel ? '?await=' + encodeURIComponent(awaitLevel) : '');
}

function initControls() {
	const form = $('#write-form');
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const body = { value: $('#write-value').value };
		if ($('#write-context').value.trim()) {
			body.context = $('#write-context').value.trim();
		}
		await act('PUT', kvUrl($('#write-replica').value, $('#write-mode').value, $('#write-key').value, $('#write-await').value), body);
		kick();
	});
	$('#write-delete').addEventListener('click', async () => {
		const context = $('#write-context').value.trim();
		await act('DELETE', kvUrl($('#write-replica').value, $('#write-mode').value, $('#write-key').value, $('#write-await').value),
			context ? { context } : undefined);
		kick();
	});
	$('#write-read').addEventListener('click', async () => {
		const answer = await act('GET', kvUrl($('#write-replica').value, $('#write-mode').value, $('#write-key').value, ''));
		if (answer.ok && answer.body && answer.body.context) {
			$('#write-context').value = answer.body.context;
		}
	});
	$('#burst-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const count = Math.max(1, Math.min(50, Number($('#burst-count').value) || 1));
		const keys = $('#burst-keys').value.split(',').map((key) => key.trim()).filter(Boolean);
		const mode = page.mode;
		const writes = [];
		for (const replica of cluster.replicas.filter((r) => !r.via)) {
			for (let i = 0; i < count; i++) {
				const key = keys.length ? keys[i % keys.length] : 'burst';
				writes.push(act('PUT', kvUrl(replica.id, mode, key, ''), { value: replica.id + '-' + (i + 1) }));
			}
		}
		$('#burst-submit').disabled = true;
		await Promise.all(writes);
		$('#burst-submit').disabled = false;
		kick();
	});
	$('#partition-cut').addEventListener('click', async () => {
		const groups = new Map();
		const kafka = [];
		document.querySelectorAll('#partition-rows tr').forEach((row) => {
			const group = row.querySelector('.group').value;
			if (!groups.has(group)) {
				groups.set(group, []);
			}
			groups.get(group).push(row.dataset.replica);
			if (row.querySelector('.kafka').checked) {
				kafka.push(row.dataset.replica);
			}
		});
		const body = { groups: [...groups.keys()].sort().map((group) => groups.get(group)) };
		if (kafka.length !== cluster.replicas.length) {
			body.kafka = kafka;
		}
		await act('POST', cluster.clusterUrl() + '/api/cluster/partition', body);
		kick();
	});
	$('#partition-heal').addEventListener('click', async () => {
		await act('DELETE', cluster.clusterUrl() + '/api/cluster/partition');
		document.querySelectorAll('#partition-rows .group').forEach((select) => { select.value = 'A'; });
		document.querySelectorAll('#partition-rows .kafka').forEach((box) => { box.checked = true; });
		kick();
	});
	$('#lab-processes').addEventListener('click', async (event) => {
		const button = event.target.closest('[data-lab]');
		if (button) {
			button.disabled = true;
			await act('POST', cluster.clusterUrl() + '/api/lab/' + button.dataset.lab, undefined, 60000);
			button.disabled = false;
			kick();
		}
	});
	$('#kafka-stop').addEventListener('click', async () => {
		await act('POST', cluster.clusterUrl() + '/api/lab/kafka/stop', undefined, 60000);
		kick();
	});
	$('#kafka-start').addEventListener('click', async () => {
		await act('POST', cluster.clusterUrl() + '/api/lab/kafka/start', undefined, 60000);
		kick();
	});
	onCall((call) => {
		const list = $('#calls');
		if (!call) {
			list.innerHTML = '';
			return;
		}
		list.insertAdjacentHTML('afterbegin', renderCall(call));
		while (list.children.length > 150) {
			list.lastElementChild.remove();
		}
	});
	$('#calls-clear').addEventListener('click', clearCalls);
}

// ---- start -------------------------------------------------------------------------------------------------------

async function start() {
	initChrome();
	initInteractions();
	initControls();
	await discover();
	selectMode(page.mode);
	detectFeatures().then((features) => {
		page.features = features;
		$('#partition-panel').hidden = !features.partition;
		$('#lab-panel').hidden = !features.lab;
		$('#verdicts').hidden = !features.verify;
		$('#verdicts-panel').hidden = !features.verify && !features.replicationHealth;
		if (!features.verify) {
			$('#verdicts').innerHTML = '';
		}
		kick();
	});
}

start();
window.dashboard.compact = compact;
