package io.replicationlab.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's body is the delta batch's JSON byte for byte (the wire format of
 * docs/modes.md), although each op is encoded once; and the byte budget cuts it as
 * before.
 */
class DeltaPageTests {

	final JsonMapper json = JsonMapper.builder().build();

	final List<ReconcileOp> ops = List.of(op(1, "color", "gr\u00fcn \"quoted\" \\ \n", ""),
			op(2, "size", null, "r1~a:1"), op(3, "color", "blue", "r1~a:1,r2~b:7"));

	@Test
	void theBodyIsTheBatchAsJacksonWritesIt() {
		DeltaPage page = DeltaPage.within(this.json, this.ops, 1 << 20);

		byte[] body = page.batch(this.json, "r1", "r2~b:7", "r1~a:3,r2~b:7", true);

		DeltaBatch expected = new DeltaBatch("r1", "r2~b:7", "r1~a:3,r2~b:7",
				this.ops.stream().map(DeltaOp::of).toList(), true);
		assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo(this.json.writeValueAsString(expected));
		assertThat(this.json.readValue(body, DeltaBatch.class)).isEqualTo(expected);
	}

	@Test
	void anEmptyPageIsABatchWithoutOps() {
		DeltaPage page = DeltaPage.within(this.json, List.of(), 1 << 20);

		assertThat(page.batch(this.json, "r1", "", "", false))
			.isEqualTo(this.json.writeValueAsBytes(new DeltaBatch("r1", "", "", List.of(), false)));
	}

	@Test
	void theBudgetCutsAfterTheLastOpThatFitsButKeepsAtLeastOne() {
		long first = this.json.writeValueAsBytes(DeltaOp.of(this.ops.get(0))).length + 1;
		long second = this.json.writeValueAsBytes(DeltaOp.of(this.ops.get(1))).length + 1;

		assertThat(DeltaPage.within(this.json, this.ops, first + second).dots()).containsExactly(this.ops.get(0).dot(),
				this.ops.get(1).dot());
		assertThat(DeltaPage.within(this.json, this.ops, first + second - 1).last()).isEqualTo(this.ops.get(0).dot());
		assertThat(DeltaPage.within(this.json, this.ops, 1).size()).isEqualTo(1);
	}

	private static ReconcileOp op(long counter, String key, String value, String context) {
		return new ReconcileOp(UUID.randomUUID(), new Dot("r1~a", counter), VersionVector.parse(context), key, value,
				Instant.parse("2026-11-29T13:01:02.123456Z").plusSeconds(counter), counter);
	}

}
