// The controls: write (PUT, DELETE, GET), burst, partition and heal, the lab's kill/start and broker buttons. Every
// action goes through act() and lands in the calls log, then polls at once so that the page shows its effect.
import { act, clearCalls, onCall } from './api.js';
import { MODES } from './model.js';
import { renderCall } from './panels.js';
import { escapeHtml } from './text.js';

const MAX_BURST = 50;
const LAB_TIMEOUT_MS = 60000;
const SHOWN_CALLS = 150;

const $ = (selector) => document.querySelector(selector);

/** Registers the controls' handlers (they read the form when clicked). */
export function initControls(cluster, page, poller) {
	const kvUrl = (replicaId, mode, key, awaitLevel) => cluster.replica(replicaId).url + '/api/' + mode + '/kv/' + encodeURIComponent(key)
		+ (awaitLevel ? '?await=' + encodeURIComponent(awaitLevel) : '');
	const written = (field) => kvUrl($('#write-replica').value, $('#write-mode').value, $('#write-key').value, field);
	const then = (action) => async (event) => {
		await action(event);
		poller.kick();
	};
	$('#write-form').addEventListener('submit', then(async (event) => {
		event.preventDefault();
		const body = { value: $('#write-value').value };
		if ($('#write-context').value.trim()) {
			body.context = $('#write-context').value.trim();
		}
		await act('PUT', written($('#write-await').value), body);
	}));
	$('#write-delete').addEventListener('click', then(async () => {
		const context = $('#write-context').value.trim();
		await act('DELETE', written($('#write-await').value), context ? { context } : undefined);
	}));
	$('#write-read').addEventListener('click', async () => {
		const answer = await act('GET', written(''));
		if (answer.ok && answer.body && answer.body.context) {
			$('#write-context').value = answer.body.context;
		}
	});
	$('#burst-form').addEventListener('submit', then(async (event) => {
		event.preventDefault();
		const count = Math.max(1, Math.min(MAX_BURST, Number($('#burst-count').value) || 1));
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
	}));
	$('#partition-cut').addEventListener('click', then(async () => {
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
	}));
	$('#partition-heal').addEventListener('click', then(async () => {
		await act('DELETE', cluster.clusterUrl() + '/api/cluster/partition');
		document.querySelectorAll('#partition-rows .group').forEach((select) => { select.value = 'A'; });
		document.querySelectorAll('#partition-rows .kafka').forEach((box) => { box.checked = true; });
	}));
	$('#lab-processes').addEventListener('click', async (event) => {
		const button = event.target.closest('[data-lab]');
		if (button) {
			button.disabled = true;
			await act('POST', cluster.clusterUrl() + '/api/lab/' + button.dataset.lab, undefined, LAB_TIMEOUT_MS);
			button.disabled = false;
			poller.kick();
		}
	});
	$('#kafka-stop').addEventListener('click', then(() => act('POST', cluster.clusterUrl() + '/api/lab/kafka/stop', undefined, LAB_TIMEOUT_MS)));
	$('#kafka-start').addEventListener('click', then(() => act('POST', cluster.clusterUrl() + '/api/lab/kafka/start', undefined, LAB_TIMEOUT_MS)));
	onCall((call) => {
		const list = $('#calls');
		if (!call) {
			list.innerHTML = '';
			return;
		}
		list.insertAdjacentHTML('afterbegin', renderCall(call));
		while (list.children.length > SHOWN_CALLS) {
			list.lastElementChild.remove();
		}
	});
	$('#calls-clear').addEventListener('click', clearCalls);
}

/** Fills the write form's replicas and modes and the partition table, once the replicas are known. */
export function fillControls(cluster, page) {
	$('#write-replica').innerHTML = cluster.replicas.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(r.id)}</option>`).join('');
	$('#write-mode').innerHTML = MODES.map((m) => `<option value="${m}">${m}</option>`).join('');
	$('#write-mode').value = page.mode;
	$('#partition-rows').innerHTML = cluster.replicas.map((r) => `<tr data-replica="${escapeHtml(r.id)}">`
		+ `<th scope="row"><span class="opid" style="--origin:${cluster.colorOf(r.id)}">${escapeHtml(r.id)}</span></th>`
		+ `<td><select aria-label="Group of ${escapeHtml(r.id)}" class="group"><option value="A">A</option><option value="B">B</option><option value="C">C</option></select></td>`
		+ `<td><input type="checkbox" class="kafka" checked aria-label="${escapeHtml(r.id)} reaches Kafka"></td></tr>`).join('');
}
