package io.replicationlab.totalorder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.tracing.Span;
import io.replicationlab.tracing.OpTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.stereotype.Component;

/**
 * The tracing hooks of total order, apart from the write path they observe: a span per
 * published record (a child of the write's request, its context written into the record's
 * headers) and a span per applied record on every replica (a child of the context the
 * record's headers carry). So one write is one trace, from the PUT to each replica's
 * apply.
 */
@Component
class RecordTracing {

	private final OpTraces traces;

	RecordTracing(OpTraces traces) {
		this.traces = traces;
	}

	/**
	 * Starts the publish span of the op and writes its context into the record's headers;
	 * the caller ends it.
	 */
	Span publishing(UUID opId, Headers headers) {
		Span span = this.traces.start("totalorder publish", opId, Map.of());
		this.traces.inject(span,
				(name, value) -> headers.remove(name).add(name, value.getBytes(StandardCharsets.UTF_8)));
		return span;
	}

	/**
	 * Starts an apply span per record that names an op, continuing the trace its headers
	 * carry.
	 */
	List<Span> applying(Iterable<ConsumerRecord<String, byte[]>> records) {
		List<Span> spans = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			UUID opId = opId(record.key());
			if (opId != null) {
				Map<String, String> headers = new HashMap<>();
				for (Header header : record.headers()) {
					if (header.value() != null) {
						headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
					}
				}
				spans.add(this.traces.start("totalorder apply", opId, headers).tag("kafka.offset", record.offset()));
			}
		}
		return spans;
	}

	/** Ends the spans, marking them failed when the batch was not applied. */
	void end(List<Span> spans, Throwable failure) {
		for (Span span : spans) {
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		}
	}

	private static UUID opId(String key) {
		try {
			return (key != null) ? UUID.fromString(key) : null;
		}
		catch (IllegalArgumentException ex) {
			return null; // a record no replica can apply: REJECTED, and not worth a span
		}
	}

}
