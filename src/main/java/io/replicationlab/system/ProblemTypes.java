package io.replicationlab.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every problem {@code type} a replica (or the lab) answers with, and the page that
 * explains it. Type URIs are relative ({@code /problems/bad-key}): RFC 9457 resolves them
 * against the request's URI, so they point at the replica that answered, which serves the
 * page ({@link ProblemPages}) wherever it is deployed.
 */
final class ProblemTypes {

	/**
	 * The path under which each type's page is served, and the prefix of every type URI.
	 */
	static final String BASE = "/problems/";

	/** One kind of problem: its HTTP status, title and what to do about it. */
	record Entry(String type, int status, String title, String explanation) {
	}

	private static final Map<String, Entry> CATALOGUE = catalogue();

	private ProblemTypes() {
	}

	static URI uri(String type) {
		return URI.create(BASE + type);
	}

	static Optional<Entry> find(String type) {
		return Optional.ofNullable(CATALOGUE.get(type));
	}

	static Iterable<Entry> all() {
		return CATALOGUE.values();
	}

	private static Map<String, Entry> catalogue() {
		Map<String, Entry> entries = new LinkedHashMap<>();
		add(entries, "bad-key", 400, "Bad key",
				"A key is 1-256 characters of letters, digits, '.', '_', ':' and '-'. " + "Nothing was written.");
		add(entries, "missing-value", 400, "Missing value", "A PUT needs a \"value\". Nothing was written.");
		add(entries, "bad-value", 400, "Bad value", "A value is UTF-8 text. Nothing was written.");
		add(entries, "value-too-large", 400, "Value too large", "A value is at most 64 KiB. Nothing was written.");
		add(entries, "bad-op-id", 400, "Bad opId",
				"An opId is a UUID (your idempotency key); leave it out to get one. " + "Nothing was written.");
		add(entries, "bad-await", 400, "Bad await level", "?await= is durable, ordered or applied (the default).");
		add(entries, "bad-paging", 400, "Bad paging", "after is 0 or more; limit is 1-1000.");
		add(entries, "bad-context", 400, "Bad context", "The context is the one a read of the key returned "
				+ "(reconcile), at most 4096 characters, unchanged.");
		add(entries, "missing-body", 400, "Missing body", "A PUT needs a JSON body like {\"value\": \"blue\"}.");
		add(entries, "unexpected-value", 400, "Unexpected value", "A DELETE takes no value.");
		add(entries, "unreadable-body", 400, "Unreadable request body",
				"The body is not the JSON the endpoint " + "expects: the detail names the field. Nothing was written.");
		add(entries, "body-too-large", 413, "Request body too large", "The body exceeds what a write can carry.");
		add(entries, "bad-parameter", 400, "Bad parameter", "A query or path parameter has the wrong type.");
		add(entries, "bad-request", 400, "Bad request",
				"Refused before it reached the API (malformed URI, encoded " + "slash, header too large...).");
		add(entries, "bad-quiesce", 400, "Bad quiesce", "?quiesce= is a number of seconds, 0-60.");
		add(entries, "bad-partition", 400, "Bad partition",
				"A partition names each replica in at most one group, " + "and only known replicas.");
		add(entries, "bad-since", 400, "Bad since", "since is a version vector like r1:3,r2:5 (replica to replica).");
		add(entries, "bad-delta-batch", 400, "Delta batch rejected",
				"A pushed batch could not be read; nothing of it " + "was applied (replica to replica).");
		add(entries, "unknown-mode", 404, "Unknown mode", "The modes are local, total-order and reconcile.");
		add(entries, "absent-key", 404, "Key absent", "This replica's state has no value for the key (in reconcile "
				+ "and total-order, maybe not yet: ask again, or another replica).");
		add(entries, "unknown-op", 404, "Unknown op", "This replica has no op with that id (yet).");
		add(entries, "unknown-member", 404, "Unknown replica", "/api/cluster/replicas/{id}/... reads only the replicas "
				+ "of this cluster: GET /api/replica lists this replica's id and its peers.");
		add(entries, "replica-unreachable", 502, "Replica did not answer", "The replica you asked could not reach the "
				+ "one you asked it to read (down, or unreachable from it); the detail says why.");
		add(entries, "unknown-replica", 403, "Unknown replica", "Only configured peers exchange deltas.");
		add(entries, "cluster-token", 401, "Cluster token required",
				"/internal/** is for replicas: they present the " + "cluster token (replica.cluster-token).");
		add(entries, "op-id-reused", 409, "Op id already used", "The opId was already used for a different write: a "
				+ "retry must repeat the same write; a new write needs a new opId.");
		add(entries, "context-ahead", 409, "Context ahead of this replica", "The context names writes this replica has "
				+ "not seen yet: write to the replica you read from, or wait until this one has caught up.");
		add(entries, "conflicting-delta-batch", 409, "Delta batch rejected", "A pushed batch disagrees with this "
				+ "replica's log; nothing of it was applied (replica to replica).");
		add(entries, "partitioned", 503, "Partitioned", "A partition set with POST /api/cluster/partition cuts this "
				+ "replica off from the requester. Retry after the Retry-After seconds, or heal the partition.");
		add(entries, "bad-clock-offset", 400, "Bad clock offset", "A lab clock offset is {\"offsetMillis\": N}, a "
				+ "whole number of milliseconds within a day either way. Nothing was changed.");
		add(entries, "bad-as-of", 400, "Bad asOf", "asOf is a position of this replica's applied log (0 to its last "
				+ "position), asOfTime an ISO-8601 instant not in the future; give one of them, not both.");
		add(entries, "bad-story", 400, "Bad story",
				"The story does not follow story.schema.json; the problem names the "
						+ "step and the field. Nothing was run.");
		add(entries, "unknown-story", 404, "Unknown story", "GET /api/lab/stories lists the built-in stories.");
		add(entries, "unknown-run", 404, "Unknown story run",
				"Runs are kept while the lab runs; start one with POST " + "/api/lab/stories/{name}/runs.");
		add(entries, "story-running", 409, "A story is running", "Stories play one at a time, since they fault the "
				+ "lab; wait for the running one to end (its Location tells where to follow it).");
		add(entries, "unknown-pitfall", 400, "Unknown pitfall", "The pitfalls are ack-before-durable, "
				+ "apply-without-dedup, position-outside-transaction, wall-clock-lww and ignore-context (docs/checker.md, "
				+ "Pitfalls). Nothing was changed.");
		add(entries, "bad-pitfall-switch", 400, "Bad pitfall switch", "A pitfall is switched with the body "
				+ "{\"enabled\": true} or {\"enabled\": false}, a JSON boolean. Nothing was changed.");
		add(entries, "lab-pitfall", 409, "Pitfall switch refused", "A replica did not take the pitfall switch (it is "
				+ "paused, or does not answer); the detail names it. Replicas that answered took it, and a stopped "
				+ "replica takes it when it starts again.");
		add(entries, "unknown-check", 404, "Unknown check run", "GET /api/lab/checks/latest names the newest check "
				+ "run under lab.check-dir and links its timeline.html and results.json; run one with ./mvnw -Pcheck "
				+ "verify.");
		add(entries, "lab-clock-offset", 409, "Clock offset refused",
				"The replica did not take the clock offset (it is "
						+ "down, paused, or refused it); the detail says what it answered.");
		add(entries, "writer-unavailable", 503, "Writer unavailable", "The replica's single writer takes no more work "
				+ "(it is shutting down, or it ended: the workers health component says which). Nothing was written: "
				+ "retry with the same opId here after the Retry-After seconds, or on another replica.");
		add(entries, "op-id-conflict", 409, "Op id ordered for another write", "Another replica accepted this opId "
				+ "for a different write and the topic ordered that one first: this write stays in the WAL, is REJECTED "
				+ "on every replica and is never applied. Use a new opId for a new write.");
		add(entries, "foreign-origin", 403, "Foreign origin",
				"A state-changing request from a web page whose Origin is "
						+ "not one of the cluster's own is refused. Use the dashboard the replicas serve, or list the origin in "
						+ "replica.allowed-origins; requests without an Origin (curl, scripts) are not affected.");
		add(entries, "internal", 500, "Internal error", "The replica failed to handle the request; its log says why.");
		add(entries, "lab-supervisor-unavailable", 503, "Lab supervisor unreachable",
				"The lab's supervisor process " + "does not answer: the lab was stopped, or is restarting.");
		add(entries, "lab-process-state", 409, "Not possible in the process's state", "E.g. starting a replica that "
				+ "runs, or killing one that is stopped: GET /api/lab shows each process's state.");
		add(entries, "lab-unknown-process", 404, "Unknown process", "The lab's processes are kafka, r1..rN.");
		add(entries, "lab-unknown-path", 404, "Unknown path", "The lab controls are under /api/lab.");
		add(entries, "method-not-allowed", 405, "Method not allowed", "The Allow header names the method to use.");
		add(entries, "lab-refused", 400, "Refused by the lab",
				"The lab supervisor refused the request; the detail " + "says why.");
		add(entries, "unknown-problem-type", 404, "Unknown problem type", "/problems/ lists the problem types.");
		add(entries, "lab-internal", 500, "Lab supervisor error", "The lab supervisor failed; its console says why.");
		return entries;
	}

	private static void add(Map<String, Entry> entries, String type, int status, String title, String explanation) {
		entries.put(type, new Entry(type, status, title, explanation));
	}

}
