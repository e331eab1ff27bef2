// What the page remembers between polls and clicks, in one object: app.js makes it and hands it to the modules that
// read or change it (nothing else is shared between them).
import { MODES } from './model.js';

export class PageState {

	/**
	 * @param hashMode the mode the address names (#local, ...); local if it names none
	 * @param colorOf origin id -> its CSS color
	 */
	constructor(hashMode, colorOf) {
		this.mode = MODES.includes(hashMode) ? hashMode : 'local';
		this.colorOf = colorOf;
		/** the op under the pointer, lit up everywhere */
		this.hovered = null;
		/** the op clicked: its details stay shown */
		this.pinned = null;
		/** whether the diagram's window follows the newest position */
		this.follow = true;
		/** the first position the diagram shows */
		this.windowStart = 1;
		/** a moment of the past was chosen: the next drawing brings the diagram's window to it */
		this.windowToMoment = false;
		this.paused = false;
		/**
		 * whether this replica serves the lab (only where lab.supervisor-url is set): kill/start, broker, latest check;
		 * null until its OpenAPI document answered
		 */
		this.lab = null;
		/** when a replica last answered a poll (ms since the epoch) */
		this.lastOk = 0;
	}

}
