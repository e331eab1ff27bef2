package io.replicationlab.reconcile;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReconcileStore}'s reads of a pulled page against a WAL that already holds many
 * reconcile ops, on a real H2 file with the replica's schema: what a heal of thousands of
 * ops runs once per page.
 */
class ReconcileStoreTests {

	private static final int HELD = 3000;

	private final List<UUID> opIds = new ArrayList<>();

	private JdbcClient jdbc;

	private ReconcileStore store;

	@BeforeEach
	void walWithManyReconcileOps(@TempDir Path dir) {
		JdbcDataSource dataSource = new JdbcDataSource();
		// H2 analyzes a table by itself only after ANALYZE_AUTO changed rows (a threshold
		// that doubles each time), so a replica plans many statements with stale
		// statistics; here they stay stale until a test analyzes
		dataSource.setURL("jdbc:h2:file:" + dir.resolve("replica").toAbsolutePath() + ";ANALYZE_AUTO=0");
		dataSource.setUser("sa");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc
			.sql("insert into wal_entry (op_id, mode, origin, source, op_key, op_value, accepted_at, recorded_at, "
					+ "dot_replica, dot_counter, causal_context) select random_uuid(), 'reconcile', 'r2', 'PEER', "
					+ "'k' || mod(x, 100), 'v', current_timestamp, current_timestamp, 'r2', x, '' "
					+ "from system_range(1, ?)")
			.param(HELD)
			.update();
		this.opIds.addAll(this.jdbc.sql("select op_id from wal_entry order by dot_counter").query(UUID.class).list());
		this.store = new ReconcileStore(this.jdbc);
	}

	@Test
	void rowsOfOtherModesUnderAPagesOpIdsAreNotHeldReconcileOps() {
		UUID local = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		this.jdbc
			.sql("insert into wal_entry (op_id, mode, origin, source, op_key, op_value, accepted_at, recorded_at) "
					+ "values (?, 'local', 'r1', 'CLIENT', 'k', 'v', ?, ?)")
			.params(local, now, now)
			.update();
		assertThat(this.store.heldByOpId(List.of(local))).isEmpty();
	}

	@Test
	void theOpsHeldUnderAPagesOpIdsAreFoundWhateverElseIsHeld() {
		List<UUID> page = List.of(this.opIds.get(7), this.opIds.get(2999), UUID.randomUUID());

		Map<UUID, List<ReconcileOp>> held = this.store.heldByOpId(page);

		assertThat(held).containsOnlyKeys(this.opIds.get(7), this.opIds.get(2999));
		assertThat(held.get(this.opIds.get(7))).singleElement()
			.satisfies((op) -> assertThat(op.dot().toString()).isEqualTo("r2:8"));
	}

	/**
	 * H2 plans by its statistics: in some heals a page was planned with them stale, in
	 * others fresh.
	 */
	@ParameterizedTest(name = "statistics {0}")
	@ValueSource(strings = { "stale", "fresh" })
	void aPagesTwinsAreLookedUpByOpIdNotFoundByReadingEveryReconcileOp(String statistics) {
		if (statistics.equals("fresh")) {
			this.jdbc.sql("analyze").update();
		}
		List<UUID> page = this.opIds.subList(1000, 1500);

		String plan = this.jdbc.sql("explain analyze " + ReconcileStore.HELD_BY_OP_ID)
			.param("opIds", page)
			.query(String.class)
			.single();

		// a page costs its own rows, not the WAL's: read all, a heal of N ops is O(N^2)
		assertThat(scanCount(plan)).as(plan.replaceAll("'[0-9a-f-]{36}'(, )?", ""))
			.isLessThanOrEqualTo(page.size() + 1);
	}

	private static long scanCount(String plan) {
		Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
		long total = 0;
		while (scans.find()) {
			total += Long.parseLong(scans.group(1));
		}
		return total;
	}

}
