package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderedRecordCodecTests {

	private static final UUID OP = UUID.fromString("3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69");

	private static final Instant AT = Instant.parse("2026-11-29T13:05:07.123456Z");

	@Test
	void publishesTheDocumentedJsonWithoutTypeHeaders() {
		OrderedRecord record = new OrderedRecord(OP, "r1", "color", "blue", 42, AT);
		RecordHeaders headers = new RecordHeaders();
		byte[] bytes = OrderedRecordCodec.serializer().serialize("replication-log", headers, record);
		assertThat(new String(bytes, StandardCharsets.UTF_8))
			.isEqualTo("{\"opId\":\"3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69\",\"origin\":\"r1\",\"key\":\"color\","
					+ "\"value\":\"blue\",\"originLsn\":42,\"acceptedAt\":\"2026-11-29T13:05:07.123456Z\"}");
		assertThat(headers.toArray()).isEmpty();
		assertThat(OrderedRecordCodec.read(bytes)).isEqualTo(record);
	}

	@Test
	void aDeleteCarriesAnExplicitNullValue() {
		OrderedRecord delete = new OrderedRecord(OP, "r2", "color", null, 7, AT);
		String json = new String(OrderedRecordCodec.write(delete), StandardCharsets.UTF_8);
		assertThat(json).contains("\"value\":null");
		assertThat(OrderedRecordCodec.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(delete);
	}

	@Test
	void unknownFieldsAreIgnoredSoThatTheFormatCanGrow() {
		String json = "{\"opId\":\"" + OP + "\",\"origin\":\"r1\",\"key\":\"k\",\"value\":\"v\",\"originLsn\":1,"
				+ "\"acceptedAt\":\"2026-11-29T13:05:07Z\",\"future\":true}";
		assertThat(OrderedRecordCodec.read(json.getBytes(StandardCharsets.UTF_8)).key()).isEqualTo("k");
	}

	@Test
	void refusesWhatAReplicaCouldNotApply() {
		assertThatIllegalArgumentException().isThrownBy(() -> OrderedRecordCodec.read(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderedRecordCodec.read("{not json".getBytes(StandardCharsets.UTF_8)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderedRecordCodec.read("{\"origin\":\"r1\"}".getBytes(StandardCharsets.UTF_8)));
		String badKey = "{\"opId\":\"" + OP + "\",\"origin\":\"r1\",\"key\":\"a b\",\"value\":\"v\",\"originLsn\":1,"
				+ "\"acceptedAt\":\"2026-11-29T13:05:07Z\"}";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderedRecordCodec.read(badKey.getBytes(StandardCharsets.UTF_8)))
			.withMessage("bad key");
	}

	@Test
	void fuzzedRecordsAreEitherRefusedWithAReasonOrFitForEveryReplicasDatabase() {
		long seed = Long.getLong("fuzz.seed", System.nanoTime());
		System.out.println("OrderedRecordCodecTests fuzz seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
		RecordFuzzer fuzzer = new RecordFuzzer(seed);
		int accepted = 0;
		for (int i = 0; i < 3000; i++) {
			byte[] value = fuzzer.next();
			OrderedRecord record;
			try {
				record = OrderedRecordCodec.read(value);
			}
			catch (IllegalArgumentException ex) {
				assertThat(ex.getMessage()).as("seed %d, record %d", seed, i).isNotBlank();
				assertThatIllegalArgumentException().as("the same bytes, the same reason")
					.isThrownBy(() -> OrderedRecordCodec.read(value))
					.withMessage(ex.getMessage());
				continue;
			}
			accepted++;
			assertThat(record.opId()).isNotNull();
			assertThat(record.origin()).matches("[A-Za-z0-9._-]{1,64}");
			assertThat(record.key()).matches("[A-Za-z0-9._:-]{1,256}");
			assertThat(record.originLsn()).isPositive();
			if (record.value() != null) {
				assertThat(record.value().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(64 * 1024);
				assertThat(new String(record.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
					.isEqualTo(record.value());
			}
			assertThat(OffsetDateTime.ofInstant(record.acceptedAt(), ZoneOffset.UTC).getYear()).isBetween(0, 9999);
		}
		assertThat(accepted).as("seed %d: the generator also makes valid records", seed).isPositive();
	}

	@Test
	void aRejectedRecordGetsTheSameOpIdOnEveryReplica() {
		assertThat(OrderedApplier.rejectedOpId("replication-log", 12))
			.isEqualTo(OrderedApplier.rejectedOpId("replication-log", 12))
			.isNotEqualTo(OrderedApplier.rejectedOpId("replication-log", 13));
	}

}
