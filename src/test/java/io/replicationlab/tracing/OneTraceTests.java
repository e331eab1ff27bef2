package io.replicationlab.tracing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One total-order write is one trace: three replicas in this JVM and a real (embedded)
 * broker, each replica exporting its spans to one in-memory exporter. The PUT on r1, its
 * WAL append, the relay's publish and the apply on r1, r2 and r3 share one trace id, and
 * each replica reports as its own service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneTraceTests {

	/**
	 * Shared by the three application contexts; registered as a SpanExporter bean in
	 * each.
	 */
	static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

	@TempDir
	static Path dataRoot;

	private EmbeddedKafkaKraftBroker broker;

	private ThreeReplicas replicas;

	@BeforeAll
	void start() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.afterPropertiesSet();
		this.replicas = new ThreeReplicas(dataRoot, new Class<?>[] { SharedExporter.class },
				"spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.schedule-delay=100ms",
				"tracing.ui-url=http://zipkin.example:9411");
	}

	@AfterAll
	void stop() {
		if (this.replicas != null) {
			this.replicas.close();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
	}

	@Test
	void oneTotalOrderWriteIsOneTraceFromThePutToEveryReplicasApply() {
		Http.Response answer = this.replicas.put("r1", "total-order", "traced", "v1", "");
		assertThat(answer.status()).isEqualTo(200);
		UUID opId = UUID.fromString(answer.json().path("opId").asString());
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (String id : ThreeReplicas.IDS) {
				assertThat(this.replicas.get(id, "/api/replica/ops/" + opId).path("status").asString())
					.isEqualTo("applied");
			}
		});
		String traceId = this.replicas.get("r1", "/api/replica/ops/" + opId).path("traceId").asString();
		assertThat(traceId).matches("[0-9a-f]{32}");
		for (String id : ThreeReplicas.IDS) {
			assertThat(this.replicas.get(id, "/api/replica/ops/" + opId).path("traceId").asString()).as(id)
				.isEqualTo(traceId);
		}
		assertThat(this.replicas.get("r2", "/api/replica/ops/" + opId).path("traceUrl").asString())
			.isEqualTo("http://zipkin.example:9411/zipkin/traces/" + traceId);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<SpanData> trace = EXPORTER.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(traceId))
				.toList();
			Map<String, Set<String>> spansByService = trace.stream()
				.collect(Collectors.groupingBy(OneTraceTests::service,
						Collectors.mapping(SpanData::getName, Collectors.toSet())));
			assertThat(spansByService)
				.as("spans of trace %s among %s", traceId,
						EXPORTER.getFinishedSpanItems()
							.stream()
							.map((span) -> service(span) + ":" + span.getName() + ":" + span.getTraceId())
							.toList())
				.containsKeys("r1", "r2", "r3");
			assertThat(spansByService.get("r1")).contains("http put /api/{mode}/kv/{key}", "wal append",
					"totalorder publish", "totalorder apply");
			assertThat(spansByService.get("r2")).contains("totalorder apply");
			assertThat(spansByService.get("r3")).contains("totalorder apply");
			// the one root: the PUT; every other span has its parent in the trace
			Set<String> spanIds = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
			assertThat(trace.stream().filter((span) -> !spanIds.contains(span.getParentSpanId())))
				.extracting(SpanData::getName)
				.containsExactly("http put /api/{mode}/kv/{key}");
		});
	}

	@Test
	void anOpKeepsItsTraceAcrossARestart() {
		Http.Response answer = this.replicas.put("r1", "total-order", "traced-restart", "v1", "");
		assertThat(answer.status()).isEqualTo(200);
		UUID opId = UUID.fromString(answer.json().path("opId").asString());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(this.replicas.get("r2", "/api/replica/ops/" + opId).path("status").asString())
						.isEqualTo("applied"));
		String traceId = this.replicas.get("r1", "/api/replica/ops/" + opId).path("traceId").asString();
		String traceUrl = "http://zipkin.example:9411/zipkin/traces/" + traceId;
		assertThat(traceId).matches("[0-9a-f]{32}");

		// r1 accepted the write from the client, r2 appended it from Kafka: both come
		// back
		// from their H2 files alone
		for (String id : List.of("r1", "r2")) {
			this.replicas.stop(id);
			this.replicas.start(id);
			JsonNode op = this.replicas.get(id, "/api/replica/ops/" + opId);
			assertThat(op.path("traceId").asString()).as(id).isEqualTo(traceId);
			assertThat(op.path("traceUrl").asString()).as(id).isEqualTo(traceUrl);
		}
	}

	private static String service(SpanData span) {
		return span.getResource()
			.getAttributes()
			.asMap()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().getKey().equals("service.name"))
			.map((entry) -> String.valueOf(entry.getValue()))
			.findFirst()
			.orElse("?");
	}

	/**
	 * Adds the shared exporter to each replica's context (Spring Boot hands every
	 * SpanExporter bean to its span processor). Not annotated, so that the application's
	 * component scan never picks it up in other tests.
	 */
	static class SharedExporter {

		@Bean
		SpanExporter inMemorySpanExporter() {
			return EXPORTER;
		}

	}

}
