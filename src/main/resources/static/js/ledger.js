// The last-writer-wins ledger of the serving replica: every reconcile write LWW discarded, its winner and why.
import { read } from './api.js';

const panel = document.getElementById('ledger-panel');
const box = document.getElementById('ledger');

function text(value) {
	const span = document.createElement('span');
	span.textContent = (value === undefined || value === null) ? '' : String(value);
	return span.innerHTML;
}

function side(write) {
	return `<b>${text(write.tombstone ? '(delete)' : write.value)}</b> ${text(write.dot)} from ${text(write.origin)}<br>`
		+ `<small class="muted">${text(write.acceptedAt)}</small>`;
}

async function refresh() {
	const answer = await read('api/reconcile/lww-ledger');
	if (answer.ok && answer.body) {
		panel.hidden = false;
		const ledger = answer.body;
		if (!ledger.entries.length) {
			box.innerHTML = `<p class="small muted">${ledger.conflictPolicy === 'lww'
				? 'Nothing discarded yet on ' + text(ledger.replica) + '.'
				: text(ledger.replica) + ' runs multi-value: concurrent writes stay as siblings, none is discarded.'}</p>`;
		}
		else {
			box.innerHTML = `<p class="small">${ledger.discarded} write(s) discarded on ${text(ledger.replica)}</p>`
				+ '<table class="ledger"><tr><th>key</th><th>lost</th><th>won</th><th>why</th></tr>'
				+ ledger.entries.slice(-50).reverse().map((e) => `<tr><td>${text(e.key)}</td><td>${side(e.loser)}</td>`
					+ `<td>${side(e.winner)}</td><td>${text(e.reason)}<br><small>${text(e.explanation)}</small></td></tr>`).join('')
				+ '</table>';
		}
	}
	setTimeout(refresh, 3000);
}

refresh();
