// Small values as text for the panels: HTML escaping, vectors and positions, op chips, partitions.
import { shortId } from './model.js';

export function escapeHtml(text) {
	return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** A version vector, position or any small value as short text: {"r1":3,"r2":1} -> r1:3 r2:1. */
export function compact(value) {
	if (value === null || value === undefined) {
		return '';
	}
	if (typeof value !== 'object') {
		return String(value);
	}
	if (Array.isArray(value)) {
		return value.map(compact).join(', ');
	}
	return Object.entries(value).map(([k, v]) => k + ':' + compact(v)).join(' ');
}

/**
 * total-order's position: {consumedOffset, endOffset, lag, outbox, kafka, halted?} -> "offset 12 of 12 · lag 0 · ...";
 * a halted total order (the log is not the one the position belongs to) leads with why.
 */
export function describePosition(position) {
	if (!position || typeof position !== 'object' || position.consumedOffset === undefined) {
		return compact(position);
	}
	const parts = position.halted ? ['HALTED: ' + position.halted] : [];
	parts.push('next offset ' + position.consumedOffset + (position.endOffset !== undefined ? ' of ' + position.endOffset : ''));
	if (position.lag !== undefined) {
		parts.push('lag ' + position.lag);
	}
	if (position.outbox !== undefined) {
		parts.push('outbox ' + position.outbox);
	}
	if (position.kafka !== undefined) {
		parts.push('Kafka ' + String(position.kafka).toLowerCase());
	}
	return parts.join(' · ');
}

export function opChip(opId, origin, colorOf) {
	return `<span class="opid" style="--origin:${colorOf(origin)}" title="${escapeHtml(opId)} from ${escapeHtml(origin)}">${escapeHtml(shortId(opId))}</span>`;
}

/** Whether the partition a replica reports lets it reach the peer (same rules as the server's Partition). */
export function connects(partition, a, b) {
	if (!partition || a === b) {
		return true;
	}
	const links = partition.links || [];
	if (links.some((link) => (link.from === a && link.to === b) || (link.from === b && link.to === a))) {
		return false;
	}
	if (!partition.groups || !partition.groups.length) {
		return true;
	}
	return partition.groups.some((group) => group.includes(a) && group.includes(b));
}

export function reachesKafka(partition, id) {
	return !partition || partition.kafka === null || partition.kafka === undefined || partition.kafka.includes(id);
}

export function describePartition(partition) {
	const links = (partition && partition.links) || [];
	if (!partition || ((!partition.groups || !partition.groups.length) && !links.length && (partition.kafka === null || partition.kafka === undefined))) {
		return 'healed';
	}
	const groups = (partition.groups || []).map((group) => '[' + group.join(' ') + ']').join(' | ');
	const oneWay = links.length ? ' · cut one way: ' + links.map((link) => link.from + '→' + link.to).join(' ') : '';
	const kafka = (partition.kafka === null || partition.kafka === undefined) ? '' : ' · Kafka: ' + (partition.kafka.join(' ') || 'nobody');
	return (groups || 'no groups') + oneWay + kafka;
}
