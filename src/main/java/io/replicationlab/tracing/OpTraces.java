package io.replicationlab.tracing;

import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.replicationlab.wal.OpTrace;
import io.replicationlab.wal.OpTraceSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Each op's trace: the context of the request that wrote it here (or of the first span
 * that carried it here), so that work done later on other threads joins that trace rather
 * than starting one of its own.
 * <p>
 * The relay publishes from its own thread, after the client's request may have ended: it
 * continues the trace the request remembered. The consumer continues the trace the
 * record's headers carry. Kept in memory and bounded (the most recent {@value #CAPACITY}
 * ops): after a restart, an op still in the outbox is published in a trace of its own,
 * which is the honest picture of what happened. The trace id itself outlives a restart:
 * the WAL asks for it ({@link OpTraceSource}) when it appends the op's row and stores it
 * there.
 */
@Component
public class OpTraces implements OpTraceSource {

	static final int CAPACITY = 10_000;

	private final Tracer tracer;

	private final Propagator propagator;

	private final URI uiUrl;

	private final Map<UUID, Remembered> remembered = Collections.synchronizedMap(new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<UUID, Remembered> eldest) {
			return size() > CAPACITY;
		}

	});

	OpTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator, TracingProperties properties) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
		this.uiUrl = properties.uiUrl();
	}

	private record Remembered(String traceId, boolean sampled, Map<String, String> carrier) {
	}

	/**
	 * Remembers the current thread's trace (the client's request) as the op's, unless the
	 * op already has one.
	 */
	public void remember(UUID opId) {
		Span current = this.tracer.currentSpan();
		if (current != null) {
			remember(opId, current);
		}
	}

	private void remember(UUID opId, Span span) {
		TraceContext context = span.context();
		if (context.traceId() == null || context.traceId().isEmpty()) {
			return; // the no-op tracer
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		this.remembered.putIfAbsent(opId,
				new Remembered(context.traceId(), Boolean.TRUE.equals(context.sampled()), Map.copyOf(carrier)));
	}

	/**
	 * The op's trace, when this process remembers it (the WAL stores it with the op's row
	 * for after a restart).
	 */
	@Override
	public Optional<OpTrace> trace(UUID opId) {
		return Optional.ofNullable(this.remembered.get(opId))
			.map((remembered) -> new OpTrace(remembered.traceId(), remembered.sampled()));
	}

	/**
	 * The trace in the Zipkin UI, when one is configured and the trace was sampled (so
	 * exported).
	 */
	public Optional<URI> traceUrl(OpTrace trace) {
		if (this.uiUrl == null || !trace.sampled()) {
			return Optional.empty();
		}
		String base = this.uiUrl.toString().replaceAll("/+$", "");
		return Optional.of(URI.create(base + "/zipkin/traces/" + trace.traceId()));
	}

	/** Runs the work in a child span of the current one. */
	public <T> T inSpan(String name, Supplier<T> work) {
		Span span = this.tracer.nextSpan().name(name).start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Starts a span for work on the op outside the request that wrote it: a child of the
	 * context the headers carry, else of the op's remembered trace, else the root of a
	 * new trace. The caller ends it.
	 * @param headers trace headers that came with the op (a Kafka record's), or an empty
	 * map
	 */
	public Span start(String name, UUID opId, Map<String, String> headers) {
		Map<String, String> carrier = headers;
		if (this.propagator.fields().stream().noneMatch(headers::containsKey)) {
			Remembered trace = this.remembered.get(opId);
			carrier = (trace != null) ? trace.carrier() : Map.of();
		}
		Span span = this.propagator.extract(carrier, Map::get).name(name).tag("op.id", opId.toString()).start();
		remember(opId, span);
		return span;
	}

	/**
	 * Writes the span's context as headers (for a Kafka record), in the formats the
	 * replicas produce.
	 */
	public void inject(Span span, BiConsumer<String, String> header) {
		this.propagator.inject(span.context(), header, BiConsumer::accept);
	}

}
