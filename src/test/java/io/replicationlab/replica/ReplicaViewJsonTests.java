package io.replicationlab.replica;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/replica}'s JSON as the dashboard, the OpenAPI schema and the cluster
 * read it: the keys, their nesting and their order, and a view read back as written.
 */
class ReplicaViewJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void writesTheKeysInTheOrderTheyHaveAlwaysHad() {
		String written = this.json.writeValueAsString(view());

		assertThat(written).isEqualTo("{\"id\":\"r1\",\"peers\":{\"r2\":\"http://r2:8080\"},\"walSize\":12,"
				+ "\"modes\":{\"total-order\":{\"consumedOffset\":7,\"kafka\":\"CONNECTED\",\"walEntries\":5,"
				+ "\"applied\":4},\"local\":{\"walEntries\":7,\"applied\":7}},"
				+ "\"kafkaBootstrapServers\":\"kafka:9092\",\"pid\":42,\"dataDir\":\"/data\","
				+ "\"clockOffsetMillis\":-250,\"partition\":{\"groups\":[[\"r1\"],[\"r2\"]],\"kafka\":null}}");
	}

	@Test
	void readsBackWhatItWrote() {
		ReplicaView view = view();

		ReplicaView read = this.json.readValue(this.json.writeValueAsString(view), ReplicaView.class);

		assertThat(read).isEqualTo(view);
		assertThat(read.modes().get("total-order").position())
			.containsExactlyEntriesOf(view.modes().get("total-order").position());
		assertThat(read.modes().keySet()).containsExactly("total-order", "local");
		assertThat(read.sections().keySet()).containsExactly(ReplicaView.PARTITION);
		assertThat(read.partition()).isEqualTo(view.partition());
	}

	@Test
	void readsAnAnswerThatLacksFieldsAsNulls() {
		ReplicaView read = this.json.readValue("{\"id\":\"r1\",\"modes\":{\"local\":{\"walEntries\":3}}}",
				ReplicaView.class);

		assertThat(read.walSize()).isNull();
		assertThat(read.modes().get("local").walEntries()).isEqualTo(3L);
		assertThat(read.modes().get("local").applied()).isNull();
		assertThat(read.peers()).isEmpty();
		assertThat(read.partition()).isNull();
	}

	private static ReplicaView view() {
		Map<String, Object> totalOrder = new LinkedHashMap<>();
		totalOrder.put("consumedOffset", 7);
		totalOrder.put("kafka", "CONNECTED");
		Map<String, ReplicaView.ModeView> modes = new LinkedHashMap<>();
		modes.put("total-order", new ReplicaView.ModeView(totalOrder, 5L, 4L));
		modes.put("local", new ReplicaView.ModeView(Map.of(), 7L, 7L));
		Map<String, Object> partition = new LinkedHashMap<>();
		partition.put("groups", List.of(List.of("r1"), List.of("r2")));
		partition.put("kafka", null);
		Map<String, Object> sections = new LinkedHashMap<>();
		sections.put(ReplicaView.PARTITION, partition);
		return new ReplicaView("r1", Map.of("r2", "http://r2:8080"), 12L, modes, "kafka:9092", 42L, "/data", -250L,
				sections);
	}

}
