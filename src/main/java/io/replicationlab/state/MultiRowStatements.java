package io.replicationlab.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes many rows with a few multi-row statements instead of one statement per row: each
 * statement holds a power of two rows up to 64, so that H2 parses a handful of statement
 * texts once each and keeps them in its query cache. The one way to write a batch of rows
 * for the state, total-order and reconcile tables (the WAL's inserts, which read back
 * generated keys, use the same sizes: {@code WriteAheadLog.rowsPerInsert}).
 */
public final class MultiRowStatements {

	private MultiRowStatements() {
	}

	/**
	 * Runs {@code head} followed by {@code row} once per row (comma-separated), for every
	 * row in order.
	 * @param head the statement up to its {@code values}, e.g.
	 * {@code "insert into t (a, b) values "}
	 * @param row one row's placeholders, e.g. {@code "(?, ?)"}
	 * @param rows each row's parameters
	 */
	public static void run(JdbcClient jdbc, String head, String row, List<Object[]> rows) {
		int from = 0;
		while (from < rows.size()) {
			int count = Math.min(64, Integer.highestOneBit(rows.size() - from));
			StringBuilder sql = new StringBuilder(head);
			List<Object> params = new ArrayList<>();
			for (int i = from; i < from + count; i++) {
				sql.append((i > from) ? ", " : "").append(row);
				params.addAll(Arrays.asList(rows.get(i)));
			}
			jdbc.sql(sql.toString()).params(params).update();
			from += count;
		}
	}

}
