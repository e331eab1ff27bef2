package io.replicationlab.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.replicationlab.replica.Mode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The materialized state of the single-value modes ({@code local}, {@code total-order}):
 * each key holds the value of the last op applied to it; a delete removes the key.
 */
@Component
public class KvStore {

	private final JdbcClient jdbc;

	KvStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Sets the key to the op's value, or removes it when the value is {@code null} (a
	 * delete).
	 */
	public void apply(Mode mode, String key, String value, UUID opId) {
		applyAll(mode, List.of(new Change(key, value, opId)));
	}

	/**
	 * One op's effect on a key: its value, or {@code null} for a delete.
	 */
	public record Change(String key, String value, UUID opId) {
	}

	/**
	 * Leaves every key as {@link #apply} of the changes one by one, in this order, would:
	 * each key written once, with its last change, by one multi-row merge and one delete
	 * for all keys (a poll of consumed records cost one statement per record).
	 */
	public void applyAll(Mode mode, List<Change> changes) {
		Map<String, Change> last = new LinkedHashMap<>();
		changes.forEach((change) -> last.put(change.key(), change));
		List<String> deleted = new ArrayList<>();
		List<Object[]> written = new ArrayList<>();
		for (Change change : last.values()) {
			if (change.value() == null) {
				deleted.add(change.key());
			}
			else {
				written.add(new Object[] { mode.pathSegment(), change.key(), change.value(), change.opId() });
			}
		}
		if (!deleted.isEmpty()) {
			this.jdbc.sql("delete from kv_state where mode = :mode and op_key in (:keys)")
				.param("mode", mode.pathSegment())
				.param("keys", deleted)
				.update();
		}
		MultiRowStatements.run(this.jdbc,
				"merge into kv_state (mode, op_key, op_value, op_id) key (mode, op_key) values ", "(?, ?, ?, ?)",
				written);
	}

	public Optional<String> get(Mode mode, String key) {
		return this.jdbc.sql("select op_value from kv_state where mode = ? and op_key = ?")
			.params(mode.pathSegment(), key)
			.query(String.class)
			.optional();
	}

	/** Every key and its value, ordered by key. */
	public SortedMap<String, String> entries(Mode mode) {
		SortedMap<String, String> entries = new TreeMap<>();
		this.jdbc.sql("select op_key, op_value from kv_state where mode = ?").param(mode.pathSegment()).query((rs) -> {
			entries.put(rs.getString(1), rs.getString(2));
		});
		return entries;
	}

	public String digest(Mode mode) {
		SortedMap<String, List<String>> values = new TreeMap<>();
		entries(mode).forEach((key, value) -> values.put(key, List.of(value)));
		return StateDigest.of(values);
	}

}
