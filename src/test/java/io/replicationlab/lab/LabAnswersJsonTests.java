package io.replicationlab.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of the lab's small answers, key for key and in order, as the maps they were
 * built as wrote it (the dashboard, the stories and the checker's nemesis read them).
 */
class LabAnswersJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aPitfallSwitchThroughTheLabNamesWhatEachReplicaDid() {
		Map<String, String> replicas = new LinkedHashMap<>();
		replicas.put("r2", "on");
		replicas.put("r1", "stopped: takes it when it starts again");

		assertThat(this.json.writeValueAsString(new LabPitfalls.Switched("ignore-context", true, replicas)))
			.isEqualTo("{\"pitfall\":\"ignore-context\",\"enabled\":true,"
					+ "\"replicas\":{\"r2\":\"on\",\"r1\":\"stopped: takes it when it starts again\"}}");
	}

	@Test
	void aClockOffsetThroughTheLabNamesTheReplicaThenTheOffset() {
		assertThat(this.json.writeValueAsString(new InternalControls.ClockOffset("r2", -60_000)))
			.isEqualTo("{\"id\":\"r2\",\"offsetMillis\":-60000}");
	}

	@Test
	void aReplicaAnswersItsInternalSwitchesWithWhatIsOnNow() {
		assertThat(this.json.writeValueAsString(
				new PitfallSwitchController.Switched("ack-before-durable", true, List.of("ack-before-durable"))))
			.isEqualTo("{\"pitfall\":\"ack-before-durable\",\"enabled\":true,\"on\":[\"ack-before-durable\"]}");
		assertThat(this.json.writeValueAsString(new ClockOffsetController.Offset(250)))
			.isEqualTo("{\"offsetMillis\":250}");
	}

}
