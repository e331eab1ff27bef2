package io.replicationlab.totalorder;

import java.util.regex.Pattern;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Writes and reads {@link OrderedRecord}s. Publishing uses Spring Kafka's Jackson 3 serializer without type headers
 * (the format is the documented JSON, not a Java class name). Reading is not a Kafka deserializer on purpose: the
 * consumer takes raw bytes and parses them here, so that a record that cannot be parsed is one rejected record in the
 * applied log instead of an exception inside {@code poll} that would stop the partition (a poison loop).
 */
final class OrderedRecordCodec {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

	private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_VALUE_LENGTH = 64 * 1024;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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
	 * @throws IllegalArgumentException saying why it is not a record this replica can apply
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
		if (record.value() != null && record.value().length() > MAX_VALUE_LENGTH) {
			throw new IllegalArgumentException("value longer than 64 KiB");
		}
		return record;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable JSON";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

}
