// A windowed list: the container scrolls over a spacer as tall as all the rows, and only the rows in view (plus a
// few) exist in the DOM, so thousands of WAL rows cost as much as twenty. It sticks to the bottom (newest last)
// while the user has not scrolled up.

const ROW = 22;
const OVERSCAN = 6;

export class VirtualList {

	constructor(container, renderRow, emptyText) {
		this.container = container;
		this.renderRow = renderRow;
		this.emptyText = emptyText;
		this.items = [];
		this.count = -1;
		this.stick = true;
		this.spacer = document.createElement('div');
		this.spacer.className = 'vlist-spacer';
		container.appendChild(this.spacer);
		container.addEventListener('scroll', () => {
			this.stick = container.scrollTop + container.clientHeight >= container.scrollHeight - ROW;
			this.render();
		}, { passive: true });
	}

	/** Sets the rows (the same array may grow between calls); re-renders what is visible. */
	setItems(items, force) {
		const grew = items !== this.items || items.length !== this.count;
		this.items = items;
		if (!grew && !force) {
			return;
		}
		this.count = items.length;
		this.spacer.style.height = (items.length * ROW) + 'px';
		if (this.stick) {
			this.container.scrollTop = this.container.scrollHeight;
		}
		this.render();
	}

	render() {
		const items = this.items;
		if (!items.length) {
			this.spacer.innerHTML = `<div class="vlist-empty">${this.emptyText}</div>`;
			return;
		}
		const top = this.container.scrollTop;
		const height = this.container.clientHeight || 176;
		const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
		const last = Math.min(items.length, Math.ceil((top + height) / ROW) + OVERSCAN);
		const html = [];
		for (let i = first; i < last; i++) {
			html.push(this.renderRow(items[i], i * ROW));
		}
		this.spacer.innerHTML = html.join('');
	}
}

export const ROW_HEIGHT = ROW;
