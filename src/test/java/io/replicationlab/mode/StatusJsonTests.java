package io.replicationlab.mode;

import java.util.UUID;

import io.replicationlab.vclock.Dot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receipt's and an op's status are enums in the code and the same lower-case strings in
 * JSON as ever; a receipt's dot is its text form.
 */
class StatusJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aReceiptsStatusIsTheLabelOfTheLevelReached() {
		for (AwaitLevel level : AwaitLevel.values()) {
			WriteReceipt receipt = new WriteReceipt(UUID.randomUUID(), "r1", "reconcile", "k", 1, level, null,
					new Dot("r1~5c1e0b7a", 7), true);

			JsonNode answer = this.json.readTree(this.json.writeValueAsString(receipt));
			assertThat(answer.path("status").asString()).isEqualTo(level.label());
			assertThat(answer.path("dot").asString()).isEqualTo("r1~5c1e0b7a:7");
		}
		assertThat(AwaitLevel.values()).extracting(AwaitLevel::label).containsExactly("durable", "ordered", "applied");
	}

	@Test
	void anOpsStatusIsOneOfFourLowerCaseWords() {
		for (OpStatus.Stage stage : OpStatus.Stage.values()) {
			OpStatus status = new OpStatus(UUID.randomUUID(), "r1", "total-order", "k", "r1", "CLIENT", 1, stage, null,
					null, null, null, null, null, null);

			assertThat(this.json.readTree(this.json.writeValueAsString(status)).path("status").asString())
				.isEqualTo(stage.label());
		}
		assertThat(OpStatus.Stage.values()).extracting(OpStatus.Stage::label)
			.containsExactly("durable", "ordered", "applied", "rejected");
	}

}
