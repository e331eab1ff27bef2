package io.replicationlab.story;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stories are checked before they run: a bad one is refused naming the step and field.
 */
class StoryParserTests {

	private final StoryParser parser = new StoryParser(List.of("r1", "r2", "r3"));

	@Test
	void everyBuiltInStoryParses() {
		for (String name : StoryService.BUILT_IN) {
			Story story = this.parser.parse(StoryService.builtIn(name));
			assertThat(story.name()).isEqualTo(name);
			assertThat(story.modes()).containsExactly("local", "total-order", "reconcile");
			assertThat(story.steps()).allSatisfy((step) -> assertThat(step.narration()).isNotBlank());
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"action\":\"write\",\"narration\":\"n\",\"writes\":[{\"replica\":\"r9\",\"key\":\"k\",\"value\":\"v\"}]}|writes[0].replica|/steps/1/writes/0/replica",
			"{\"action\":\"write\",\"narration\":\"n\",\"writes\":[{\"replica\":\"r1\",\"key\":\"bad key\",\"value\":\"v\"}]}|writes[0].key|/steps/1/writes/0/key",
			"{\"action\":\"write\",\"narration\":\"n\",\"writes\":[{\"replica\":\"r1\",\"key\":\"k\"}]}|writes[0].value|/steps/1/writes/0/value",
			"{\"action\":\"dance\",\"narration\":\"n\"}|action|/steps/1/action",
			"{\"action\":\"heal\"}|narration|/steps/1/narration",
			"{\"action\":\"wait\",\"narration\":\"n\",\"duration\":\"soon\"}|duration|/steps/1/duration",
			"{\"action\":\"wait\",\"narration\":\"n\",\"duration\":\"PT5M\"}|duration|/steps/1/duration",
			"{\"action\":\"partition\",\"narration\":\"n\",\"groups\":[[\"r1\"],[\"r1\",\"r2\"]]}|groups[1][0]|/steps/1/groups/1/0",
			"{\"action\":\"kill\",\"narration\":\"n\",\"replica\":\"r2\",\"color\":\"red\"}|color|/steps/1/color" })
	void aBadStepIsRefusedNamingTheStepAndTheField(String badStep, String field, String pointer) {
		String story = "{\"name\":\"bad\",\"steps\":[{\"name\":\"first\",\"action\":\"heal\",\"narration\":\"ok\"},"
				+ badStep.replace("\"narration\":\"n\"", "\"name\":\"second\",\"narration\":\"n\"") + "]}";
		assertThatExceptionOfType(StoryRefusal.class).isThrownBy(() -> this.parser.parse(story))
			.satisfies((refusal) -> {
				assertThat(refusal.step()).isEqualTo(1);
				assertThat(refusal.field()).isEqualTo(field);
				assertThat(refusal.pointer()).isEqualTo(pointer);
				assertThat(refusal.getMessage()).startsWith("step 1 (").contains(field);
			});
	}

	@Test
	void aBadStoryFieldIsRefusedWithoutAStep() {
		assertThatExceptionOfType(StoryRefusal.class)
			.isThrownBy(() -> this.parser.parse("{\"name\":\"Bad Name\",\"steps\":[]}"))
			.satisfies((refusal) -> {
				assertThat(refusal.step()).isNull();
				assertThat(refusal.field()).isEqualTo("name");
			});
		assertThatExceptionOfType(StoryRefusal.class).isThrownBy(() -> this.parser.parse("not json"));
		assertThatExceptionOfType(StoryRefusal.class)
			.isThrownBy(() -> this.parser.parse("{\"name\":\"x\",\"modes\":[\"local\",\"paxos\"],\"steps\":[]}"))
			.satisfies((refusal) -> assertThat(refusal.field()).isEqualTo("modes[1]"));
	}

	@Test
	void theSchemaInDocsIsTheOneServed() throws Exception {
		assertThat(Files.readString(Path.of("docs/story.schema.json")))
			.isEqualTo(Files.readString(Path.of("src/main/resources/static/story.schema.json")));
	}

}
