package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Generates total-order record values from a seed: valid records, records with one field
 * broken (out-of-range times, keys outside the key rules, oversized or ill-formed values,
 * missing or mistyped fields, reused op ids) and bytes that are not JSON at all. The same
 * seed gives the same records, so a failure is reproduced from the printed seed.
 */
final class RecordFuzzer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] TIMES = { "2026-11-29T13:05:07Z", "+1000000000-01-01T00:00:00Z",
			"-1000000000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
			"9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "not a time", "",
			"2026-13-40T25:61:61Z" };

	private static final String[] FIELDS = { "opId", "origin", "key", "value", "originLsn", "acceptedAt" };

	/**
	 * Stands for a value with an unpaired surrogate, written as a JSON escape (a
	 * generator refuses to write one).
	 */
	private static final String LONE_SURROGATE = "LONE-SURROGATE-PLACEHOLDER";

	private final Random random;

	private final List<UUID> usedOpIds = new ArrayList<>();

	RecordFuzzer(long seed) {
		this.random = new Random(seed);
	}

	byte[] next() {
		int shape = this.random.nextInt(10);
		if (shape == 0) {
			byte[] noise = new byte[this.random.nextInt(64)];
			this.random.nextBytes(noise);
			return noise;
		}
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("opId", opId());
		record.put("origin", pick("r1", "r2", "r7", "", "r 1", "x".repeat(65), null));
		record.put("key", key());
		record.put("value", value());
		record.put("originLsn", pick(1L, 42L, 0L, -5L, Long.MAX_VALUE, "seven", 1.5, null));
		record.put("acceptedAt", pick((Object[]) TIMES));
		if (shape == 1) {
			record.remove(FIELDS[this.random.nextInt(FIELDS.length)]);
		}
		if (shape == 2) {
			record.put(FIELDS[this.random.nextInt(FIELDS.length)], pick(7, true, List.of(1), Map.of("a", 1)));
		}
		if (shape == 3) {
			record.put("future", "ignored");
		}
		byte[] json = JSON.writeValueAsString(record)
			.replace(LONE_SURROGATE, "\\ud800 lone")
			.getBytes(StandardCharsets.UTF_8);
		if (shape == 4) {
			return Arrays.copyOf(json, this.random.nextInt(json.length));
		}
		return json;
	}

	private Object opId() {
		if (!this.usedOpIds.isEmpty() && this.random.nextInt(5) == 0) {
			return this.usedOpIds.get(this.random.nextInt(this.usedOpIds.size())).toString();
		}
		if (this.random.nextInt(20) == 0) {
			return pick("not-a-uuid", null, 12);
		}
		UUID opId = new UUID(this.random.nextLong(), this.random.nextLong());
		this.usedOpIds.add(opId);
		return opId.toString();
	}

	private Object key() {
		return pick("fuzz-" + this.random.nextInt(5), "fuzz:" + this.random.nextInt(3), "", "a b", "k".repeat(256),
				"k".repeat(257), "sl/ash", "\u00e9t\u00e9", null);
	}

	private Object value() {
		return switch (this.random.nextInt(8)) {
			case 0 -> null;
			case 1 -> "";
			case 2 -> "x".repeat(64 * 1024);
			case 3 -> "x".repeat(64 * 1024 + 1);
			case 4 -> "\u00e9".repeat(32 * 1024 + this.random.nextInt(2));
			case 5 -> LONE_SURROGATE;
			case 6 -> "\ud83d\ude00 emoji";
			default -> "v" + this.random.nextInt(1000);
		};
	}

	@SafeVarargs
	private <T> T pick(T... options) {
		return options[this.random.nextInt(options.length)];
	}

}
