// The dashboard: discovers the replicas from this origin's /api/replica, polls each one directly (CORS) or, when the
// browser cannot reach it, through this origin's read proxy (model.js, readReplica), and draws the WAL, applied logs,
// state and space-time diagram of the selected mode. This module only wires the others together; what the page
// remembers lives in one PageState, handed to each.
import { servedPaths } from './api.js';
import { fillControls, initControls } from './controls.js';
import { Cluster } from './model.js';
import { Navigation } from './navigation.js';
import { Poller } from './polling.js';
import { PageState } from './state.js';
import { TimeTravel } from './travel.js';
import { View } from './view.js';

const DISCOVER_RETRY_MS = 1000;

const cluster = new Cluster(window.location.origin);
const page = new PageState(window.location.hash.slice(1), (origin) => cluster.colorOf(origin));
const travel = new TimeTravel(cluster, () => navigation.travelled());
const view = new View(cluster, page, travel);
const poller = new Poller(cluster, page, travel, view);
const navigation = new Navigation(page, travel, view, poller);
initControls(cluster, page, poller);

const $ = (selector) => document.querySelector(selector);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function discover() {
	while (!(await cluster.discover())) {
		$('#served-by').textContent = 'waiting for /api/replica on ' + window.location.host + '…';
		await pause(DISCOVER_RETRY_MS);
	}
	$('#served-by').textContent = 'served by ' + cluster.selfId + ' · ' + cluster.replicas.length + ' replicas';
	view.addCards();
	fillControls(cluster, page);
}

async function start() {
	await discover();
	navigation.selectMode(page.mode);
	// the lab runs only where lab.supervisor-url is set; every build serves the rest (verifier, partition, health)
	page.lab = (await servedPaths()).includes('/api/lab');
	$('#lab-panel').hidden = !page.lab;
	poller.kick();
}

start();
