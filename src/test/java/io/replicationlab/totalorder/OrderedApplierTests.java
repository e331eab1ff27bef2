package io.replicationlab.totalorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.replicationlab.replica.Pitfall;
import io.replicationlab.replica.Pitfalls;
import io.replicationlab.testing.InJvmReplica;
import io.replicationlab.wal.GroupCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poll is applied with a few statements per table, not record by record; what it writes
 * must be what applying its records one poll each writes: the same applied log, WAL,
 * state, fingerprints and ordered offsets, for polls that hold an op id twice, a
 * conflict, a record the codec refuses, deletes and ops accepted here. Two replicas
 * {@code r1} in this JVM on a broker nobody reaches (their consumers never poll), fed by
 * calling the applier as the consumer does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderedApplierTests {

	private static final LogIdentity LOG = new LogIdentity("cluster", "topic-id");

	private final Path dataRoot = temporaryDirectory();

	/** Applies every record in a poll of its own. */
	private final InJvmReplica recordByRecord = startReplica("record-by-record");

	/** Applies the same records in polls of many. */
	private final InJvmReplica pollByPoll = startReplica("poll-by-poll");

	/** The next offset of the records both are given. */
	private long offset;

	@AfterAll
	void stop() throws IOException {
		this.recordByRecord.close();
		this.pollByPoll.close();
		FileSystemUtils.deleteRecursively(this.dataRoot);
	}

	@Test
	void aPollWritesWhatItsRecordsAppliedOneByOneWrite() {
		assertSameEffects(false,
				List.of("APPLIED", "DUPLICATE", "APPLIED", "REJECTED", "REJECTED", "APPLIED", "DUPLICATE", "APPLIED",
						"APPLIED", "APPLIED", "APPLIED", "DUPLICATE", "APPLIED", "APPLIED", "DUPLICATE", "DUPLICATE",
						"DUPLICATE", "REJECTED", "APPLIED"));
	}

	@Test
	void underApplyWithoutDedupAPollAppliesItsRepeatedOpsAgainAsOneByOne() {
		List<String> outcomes = new ArrayList<>(Collections.nCopies(19, "APPLIED"));
		outcomes.set(4, "REJECTED");
		assertSameEffects(true, outcomes);
	}

	private void assertSameEffects(boolean withoutDedup, List<String> outcomes) {
		UUID a = UUID.randomUUID();
		UUID b = UUID.randomUUID();
		UUID c = UUID.randomUUID();
		UUID deleted = UUID.randomUUID();
		UUID heldHere = UUID.randomUUID();
		UUID heldOtherwise = UUID.randomUUID();
		UUID e = UUID.randomUUID();
		UUID h = UUID.randomUUID();
		List<byte[]> firstPoll = List.of(record(a, "r2", "k1", "a"), record(a, "r2", "k1", "a"),
				record(b, "r2", "k1", "b"), record(b, "r3", "k2", "not-b"),
				"{not json".getBytes(StandardCharsets.UTF_8), record(c, "r1", "k3", "c"), record(c, "r1", "k3", "c"),
				record(deleted, "r2", "k1", null), record(heldHere, "r2", "f", "held"),
				record(heldOtherwise, "r2", "g", "theirs"), record(e, "r3", "k4", "e"),
				record(deleted, "r2", "k1", null), record(h, "r1", "k1", "h"),
				record(OrderedApplier.rejectedOpId("replication-log", this.offset + 4), "r2", "k5",
						"named-like-a-rejected-one"),
				record(b, "r2", "k1", "b"));
		List<byte[]> secondPoll = List.of(record(a, "r2", "k1", "a"), record(c, "r1", "k3", "c"),
				record(b, "r3", "k2", "not-b"), record(UUID.randomUUID(), "r2", "k2", "z"));
		for (InJvmReplica replica : List.of(this.recordByRecord, this.pollByPoll)) {
			replica.bean(Pitfalls.class).set(Pitfall.APPLY_WITHOUT_DEDUP, withoutDedup);
			assertThat(TotalOrderTests.write(replica, "f", "held", heldHere, "durable").status()).isEqualTo(200);
			assertThat(TotalOrderTests.write(replica, "g", "mine", heldOtherwise, "durable").status()).isEqualTo(200);
		}
		List<OrderedApplier.Applied> oneByOne = new ArrayList<>();
		for (OrderedApplier.Consumed record : consumed(concat(firstPoll, secondPoll), this.offset)) {
			oneByOne.addAll(apply(this.recordByRecord, List.of(record)));
		}
		List<OrderedApplier.Applied> polled = new ArrayList<>(apply(this.pollByPoll, consumed(firstPoll, this.offset)));
		polled.addAll(apply(this.pollByPoll, consumed(secondPoll, this.offset + firstPoll.size())));
		this.offset += firstPoll.size() + secondPoll.size();
		assertThat(polled).isEqualTo(oneByOne);
		Map<String, List<Map<String, Object>>> expected = effects(this.recordByRecord);
		List<Map<String, Object>> log = expected.get("applied_op");
		assertThat(log.subList(log.size() - outcomes.size(), log.size()).stream().map((row) -> row.get("OUTCOME")))
			.containsExactlyElementsOf(outcomes);
		effects(this.pollByPoll).forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(expected.get(table)));
	}

	/** What the replica wrote, timestamps aside. */
	private static Map<String, List<Map<String, Object>>> effects(InJvmReplica replica) {
		JdbcClient jdbc = JdbcClient.create(replica.bean(DataSource.class));
		return Map.of("applied_op", rows(jdbc, """
				select position, op_id, origin, op_key, outcome, detail from applied_op where mode = 'total-order'
				order by position"""), "wal_entry", rows(jdbc, """
				select lsn, op_id, origin, source, op_key, op_value, origin_lsn, kafka_offset from wal_entry
				order by lsn"""), "kv_state",
				rows(jdbc, "select mode, op_key, op_value, op_id from kv_state order by mode, op_key"),
				"total_order_applied",
				rows(jdbc, "select op_id, kafka_offset, fingerprint from total_order_applied order by op_id"),
				"total_order_ordered", rows(jdbc, "select op_id, kafka_offset from total_order_ordered order by op_id"),
				"total_order_position",
				rows(jdbc, "select topic, next_offset, cluster_id, topic_id from total_order_position"));
	}

	private static List<Map<String, Object>> rows(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query().listOfRows();
	}

	private static List<OrderedApplier.Applied> apply(InJvmReplica replica, List<OrderedApplier.Consumed> poll) {
		OrderedApplier applier = replica.bean(OrderedApplier.class);
		return replica.bean(GroupCommit.class).execute(() -> applier.apply(poll, LOG));
	}

	private static List<OrderedApplier.Consumed> consumed(List<byte[]> values, long firstOffset) {
		List<OrderedApplier.Consumed> consumed = new ArrayList<>();
		for (byte[] value : values) {
			consumed.add(new OrderedApplier.Consumed(firstOffset + consumed.size(), value));
		}
		return consumed;
	}

	private static List<byte[]> concat(List<byte[]> first, List<byte[]> second) {
		List<byte[]> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static byte[] record(UUID opId, String origin, String key, String value) {
		return OrderedRecordCodec
			.write(new OrderedRecord(opId, origin, key, value, 7, Instant.parse("2026-12-02T12:00:00Z")));
	}

	private InJvmReplica startReplica(String dir) {
		return BrokerAndReplicas.startReplica("r1", this.dataRoot.resolve(dir), "localhost:1",
				"totalorder.startup-check-timeout=1s", "totalorder.request-timeout=1s");
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("ordered-applier");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
