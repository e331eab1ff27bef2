// The Stories panel: pick a story, run it (the lab plays it in every mode at once), watch each step's narration
// light up as it plays, then read the report, one column per mode. Hidden when this replica is not in a lab.
import { act, read, servedPaths } from './api.js';

const panel = document.getElementById('stories-panel');
const select = document.getElementById('story-select');
const runButton = document.getElementById('story-run');
const description = document.getElementById('story-description');
const stepsList = document.getElementById('story-steps');
const reportBox = document.getElementById('story-report');
let stories = [];

function text(value) {
	const span = document.createElement('span');
	span.textContent = (value === undefined || value === null) ? '' : String(value);
	return span.innerHTML;
}

async function load() {
	// outside the lab there are no stories: the API document says so without a 404 in the console
	if (!(await servedPaths()).some((path) => path.startsWith('/api/lab/stories'))) {
		return;
	}
	// the lab supervisor answers through this replica: on a busy machine that can take seconds
	const answer = await read('api/lab/stories', 15000);
	if (answer.status === 404) {
		return;
	}
	if (!answer.ok || !answer.body || !Array.isArray(answer.body.stories)) {
		setTimeout(load, 3000);
		return;
	}
	stories = answer.body.stories;
	select.innerHTML = stories.map((s) => `<option value="${text(s.name)}">${text(s.title)}</option>`).join('');
	describe();
	panel.hidden = false;
	if (answer.body.current) {
		watch(answer.body.current);
	}
}

function describe() {
	const story = stories.find((s) => s.name === select.value);
	description.textContent = story ? story.description : '';
}

function showSteps(run) {
	stepsList.innerHTML = run.steps.map((step) => `<li class="${text(step.status)}" data-index="${step.index}">`
		+ `<b>${text(step.name)}</b> <span class="muted">${text(step.action)}</span>: ${text(step.narration)}`
		+ (step.detail ? `<br><small class="muted">${text(step.status)}: ${text(step.detail)}</small>` : '') + '</li>').join('');
}

function row(title, modes, cell) {
	return `<tr><th>${text(title)}</th>${modes.map(([, column]) => `<td>${cell(column)}</td>`).join('')}</tr>`;
}

function showReport(run) {
	const report = run.report;
	const modes = Object.entries(report.modes);
	const html = ['<table><tr><th></th>', ...modes.map(([mode]) => `<th>${text(mode)}</th>`), '</tr>',
		row('Conclusion', modes, (c) => `<span class="conclusion">${text(c.conclusion)}</span>`),
		row('Final states', modes, (c) => `${c.finalStates.equal ? 'equal' : '<b>differ</b>'}`
			+ ` (${c.finalStates.differingKeys.length} of ${c.finalStates.keys} keys differ, ${c.finalStates.keysWithSiblings} with siblings)`
			+ `<pre>${text(JSON.stringify(c.finalStates.replicas, null, 1))}</pre>`),
		row('Order agreement', modes, (c) => c.orderAgreement.pairs.map((p) => `${text(p.replicas.join('–'))}: ${p.crossings} crossings / ${p.commonOps} ops`).join('<br>')),
		row('Diverged', modes, (c) => `${c.divergence.divergedMillis} ms (longest ${c.divergence.longestDivergedMillis} ms)`),
		row('Writes 200 / 202 / refused', modes, (c) => Object.entries(c.writes.byFault)
			.map(([fault, n]) => `${text(fault)}: ${n.ok200} / ${n.accepted202} / ${n.refused}`).join('<br>')),
		row('Latency', modes, (c) => `p50 ${c.latency.p50Millis} ms, max ${c.latency.maxMillis} ms`),
		row('Cluster / verifier', modes, (c) => `diverged: ${c.cluster.diverged}, verifier holds: ${c.cluster.verifyHolds}`),
		'</table>',
		`<p class="small"><a href="api/lab/stories/runs/${text(run.id)}/report.html" target="_blank">report as HTML</a> · `
			+ `<a href="api/lab/stories/runs/${text(run.id)}/report.json" download>as JSON</a>`
			+ (report.complete ? '' : ' · <b>not every step could be done</b>') + '</p>'];
	reportBox.innerHTML = html.join('');
}

async function watch(id) {
	runButton.disabled = true;
	reportBox.innerHTML = '<p class="small muted">playing…</p>';
	for (;;) {
		const answer = await read(`api/lab/stories/runs/${id}`, 15000);
		if (answer.ok) {
			showSteps(answer.body);
			if (answer.body.status !== 'running') {
				if (answer.body.report) {
					showReport(answer.body);
				}
				else {
					reportBox.textContent = `The run ${answer.body.status}: ${answer.body.error || ''}`;
				}
				break;
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	runButton.disabled = false;
}

select.addEventListener('change', describe);
runButton.addEventListener('click', async () => {
	const answer = await act('POST', `api/lab/stories/${encodeURIComponent(select.value)}/runs`);
	if (answer.status === 202) {
		watch(answer.body.id);
	}
	else {
		reportBox.textContent = (answer.body && answer.body.detail) ? answer.body.detail : `refused: ${answer.status}`;
	}
});

load();
