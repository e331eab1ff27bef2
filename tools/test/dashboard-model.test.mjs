// The dashboard's memory bound (src/main/resources/static/js/modelog.js): the page keeps the newest MAX_ROWS rows of
// each log per replica and mode, indexes only those, and time travel and polling go on working on what is kept.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { Cluster, shortId } from "../../src/main/resources/static/js/model.js";
import { MAX_ROWS, ModeLog } from "../../src/main/resources/static/js/modelog.js";
import { moments, positionAt } from "../../src/main/resources/static/js/travel.js";

const at = (second) => `2026-12-02T03:00:${String(second).padStart(2, "0")}Z`;
const applied = (position, opId = "op" + position, second = position) => ({ position, opId, appliedAt: at(second), origin: "r1", key: "k", outcome: "APPLIED" });
const wal = (lsn, opId = "op" + lsn) => ({ lsn, opId, origin: "r1", key: "k", value: "v" });
const range = (from, to, row) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i));

describe("ModeLog", () => {
	test("keeps the newest MAX_ROWS applied and WAL rows and counts every row read", () => {
		const log = new ModeLog();
		log.addApplied(range(1, MAX_ROWS + 7, (p) => applied(p)));
		log.addWal(range(1, MAX_ROWS + 7, (n) => wal(n)));
		assert.equal(log.applied.length, MAX_ROWS);
		assert.equal(log.wal.length, MAX_ROWS);
		assert.equal(log.applied[0].position, 8);
		assert.equal(log.lastPosition(), MAX_ROWS + 7);
		assert.equal(log.lastLsn(), MAX_ROWS + 7);
		assert.equal(log.appliedCount, MAX_ROWS + 7);
		assert.equal(log.walCount, MAX_ROWS + 7);
		assert.equal(log.horizon.position, 7);
	});

	test("drops the index entries of the rows it drops, and an op seen again is indexed by its kept row", () => {
		const log = new ModeLog(3);
		log.addApplied([applied(1, "a"), applied(2, "b"), applied(3, "c")]);
		const before = log.applied;
		log.addApplied([applied(4, "a"), applied(5, "d")]);
		assert.deepEqual(log.applied.map((row) => row.position), [3, 4, 5]);
		assert.equal(log.appliedByOp.has("b"), false);
		assert.equal(log.appliedByOp.get("a").position, 4);
		assert.equal(log.appliedByOp.size, 3);
		// a new array: the card's list sees the change though the length stayed the same
		assert.notEqual(log.applied, before);
	});
});

describe("time travel on a bounded log", () => {
	test("steps only through moments every lane can place, the dropped rows counting as applied before them", () => {
		const trimmed = new ModeLog(2);
		trimmed.addApplied(range(1, 5, (p) => applied(p)));
		const whole = new ModeLog(2);
		whole.addApplied([applied(1, "x", 2), applied(2, "y", 6)]);
		const lanes = [{ id: "r1", log: trimmed }, { id: "r2", log: whole }];
		const list = moments(lanes);
		assert.deepEqual(list.map((moment) => moment.text), [at(4), at(5), at(6)]);
		assert.equal(positionAt(trimmed, list[0].key), 4);
		assert.equal(positionAt(whole, list[0].key), 1);
		assert.equal(positionAt(trimmed, list[2].key), 5);
	});
});

describe("polling a bounded log", () => {
	const realFetch = globalThis.fetch;
	afterEach(() => {
		globalThis.fetch = realFetch;
	});

	/** One replica r1 with `count.n` WAL and applied rows in local; records the URLs asked. */
	function fakeReplica(count) {
		const asked = [];
		globalThis.fetch = async (url) => {
			asked.push(url);
			const { pathname, searchParams } = new URL(url);
			const after = Number(searchParams.get("after"));
			const limit = Number(searchParams.get("limit"));
			const rows = (row) => range(after + 1, Math.min(count.n, after + limit), row);
			const body = pathname === "/api/replica" ? { id: "r1", peers: {}, modes: { local: { walEntries: count.n, applied: count.n } } }
				: pathname === "/api/replica/wal" ? rows((n) => wal(n))
					: pathname === "/api/replica/applied" ? rows((p) => applied(p))
						: { entries: {}, digest: "d" + count.n };
			return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
		};
		return asked;
	}

	test("asks for no log page while the replica has nothing new, and goes on from the newest row kept", async () => {
		const count = { n: 10 };
		const asked = fakeReplica(count);
		const cluster = new Cluster("http://r1", 4);
		assert.equal(await cluster.discover(), true);
		await cluster.poll("local");
		const log = cluster.log("local", "r1");
		assert.deepEqual(log.wal.map((row) => row.lsn), [7, 8, 9, 10]);
		assert.equal(log.walCount, 10);

		asked.length = 0;
		await cluster.poll("local");
		assert.deepEqual(asked.filter((url) => /\/(wal|applied)\?/.test(url)), []);

		count.n = 12;
		await cluster.poll("local");
		assert.equal(cluster.log("local", "r1"), log, "the same log: not started over");
		assert.deepEqual(log.wal.map((row) => row.lsn), [9, 10, 11, 12]);
		assert.deepEqual(log.applied.map((row) => row.position), [9, 10, 11, 12]);
		assert.equal(log.walCount, 12);
	});
});

describe("shortId", () => {
	test("labels an op by the random end of its id, so that time-ordered ids of one minute differ", () => {
		const sameMinute = ["019ae39c-8a1f-7123-8f00-0000a1b2c3d4", "019ae39c-8a1f-7124-bf00-0000e5f60718"];
		assert.deepEqual(sameMinute.map(shortId), ["a1b2c3d4", "e5f60718"]);
		assert.equal(shortId(null), "");
	});
});
