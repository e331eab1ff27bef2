package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Writes and reads {@link OrderedRecord}s. Publishing uses Spring Kafka's Jackson 3
 * serializer without type headers (the format is the documented JSON, not a Java class
 * name). Reading is not a Kafka deserializer on purpose: the consumer takes raw bytes and
 * parses them here, so that a record that cannot be parsed is one rejected record in the
 * applied log instead of an exception inside {@code poll} that would stop the partition
 * (a poison loop).
 * <p>
 * {@link #read} is the only gate between the topic and the apply path: whatever it
 * accepts, every replica can apply (store in its WAL and state), and whatever it refuses,
 * every replica refuses alike, since the decision depends on the bytes alone. So it
 * checks everything the apply path relies on: every field present ({@code "value":null}
 * is a delete, a missing {@code value} is a broken record), the key and value rules
 * clients are held to, an origin lsn of at least 1, and an accept time within years
 * 0000-9999 (the database's timestamps, and ISO-8601 without a sign).
 */
final class OrderedRecordCodec {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

	private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_VALUE_BYTES = 64 * 1024;

	private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.build();

	private OrderedRecordCodec() {
	}

	static JacksonJsonSerializer<OrderedRecord> serializer() {
		return new JacksonJsonSerializer<OrderedRecord>(MAPPER).noTypeInfo();
	}

	static byte[] write(OrderedRecord record) {
		return MAPPER.writeValueAsBytes(record);
	}

	/**
	 * Parses and checks a record's value.
	 * @throws IllegalArgumentException saying why it is not a record this replica can
	 * apply
	 */
	static OrderedRecord read(byte[] value) {
		if (value == null) {
			throw new IllegalArgumentException("empty record");
		}
		OrderedRecord record;
		try {
			record = MAPPER.readValue(value, OrderedRecord.class);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not an ordered record: " + firstLine(ex.getMessage()), ex);
		}
		if (record == null || record.opId() == null || record.acceptedAt() == null) {
			throw new IllegalArgumentException("opId and acceptedAt are required");
		}
		if (record.origin() == null || !ORIGIN.matcher(record.origin()).matches()) {
			throw new IllegalArgumentException("bad origin");
		}
		if (record.key() == null || !KEY.matcher(record.key()).matches()) {
			throw new IllegalArgumentException("bad key");
		}
		if (record.value() != null) {
			if (!wellFormed(record.value())) {
				throw new IllegalArgumentException("value is not valid UTF-8 text");
			}
			if (record.value().getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
				throw new IllegalArgumentException("value longer than 64 KiB of UTF-8");
			}
		}
		if (record.originLsn() < 1) {
			throw new IllegalArgumentException("originLsn must be at least 1");
		}
		if (record.acceptedAt().isBefore(EARLIEST) || record.acceptedAt().isAfter(LATEST)) {
			throw new IllegalArgumentException("acceptedAt outside years 0000-9999");
		}
		return record;
	}

	/**
	 * No unpaired surrogate: such text has no UTF-8 form, and the replicas would store a
	 * mangled value.
	 */
	private static boolean wellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable JSON";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
