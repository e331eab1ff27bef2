package io.replicationlab.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaView;
import io.replicationlab.state.Outcome;
import io.replicationlab.wal.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static io.replicationlab.cluster.Histories.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fetcher against a stub replica that answers like the total-order mode does: it
 * pages through the applied log, reads the WAL's offsets, asks the origin about ops it
 * has not applied, and reads the mode's position.
 */
class ReplicaClientTests {

	static final int APPLIED_ROWS = 1500;

	static final UUID ORDERED_NOT_APPLIED = op(9001);

	HttpServer server;

	ReplicaClient client = new ReplicaClient(new ClusterProperties(Duration.ofMillis(500), Duration.ofSeconds(3),
			Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(250), 200), RestClient.builder());

	JsonMapper json = JsonMapper.builder().build();

	Member member;

	/**
	 * What the stub answers at {@code /api/replica} instead of its JSON text, when set.
	 */
	ReplicaView view;

	@BeforeEach
	void startStubReplica() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
		this.member = new Member("r2", URI.create("http://localhost:" + this.server.getAddress().getPort()));
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void readsTheSummaryWithTheModesPositionAndPartition() {
		ReplicaSummary summary = this.client.summary(this.member, Mode.TOTAL_ORDER);

		assertThat(summary.reachable()).isTrue();
		assertThat(summary.walSize()).isEqualTo(2);
		assertThat(summary.applied()).isEqualTo(APPLIED_ROWS);
		assertThat(summary.digest()).isEqualTo("0123456789abcdef");
		assertThat(summary.entries()).containsEntry("color", List.of("blue"));
		assertThat(summary.position()).containsEntry("consumedOffset", 1500)
			.containsEntry("outbox", 0)
			.doesNotContainKeys("walEntries", "applied");
		assertThat(summary.partition()).isInstanceOf(Map.class);
	}

	@Test
	void readsBackTheViewTheControllerWrites() {
		Map<String, Object> totalOrder = new LinkedHashMap<>();
		totalOrder.put("consumedOffset", 1500);
		totalOrder.put("outbox", 0);
		Map<String, Object> partition = new LinkedHashMap<>();
		partition.put("groups", List.of(List.of("r1"), List.of("r2", "r3")));
		partition.put("kafka", null);
		this.view = new ReplicaView("r2", Map.of("r1", "http://r1:8080"), 3L,
				Map.of("total-order", new ReplicaView.ModeView(totalOrder, 2L, (long) APPLIED_ROWS)), "kafka:9092", 1L,
				"/data", 0L, Map.of(ReplicaView.PARTITION, partition));

		ReplicaSummary summary = this.client.summary(this.member, Mode.TOTAL_ORDER);

		assertThat(summary.reachable()).as(summary.error()).isTrue();
		assertThat(summary.walSize()).isEqualTo(3);
		assertThat(summary.walEntries()).isEqualTo(2);
		assertThat(summary.applied()).isEqualTo(APPLIED_ROWS);
		assertThat(summary.position()).containsExactlyEntriesOf(totalOrder);
		assertThat(summary.partition()).isEqualTo(partition);
		assertThat(this.client.history(this.member, Mode.TOTAL_ORDER, summary, false).stable()).isTrue();
	}

	@Test
	void anAnswerThatIsNotAReplicaViewLeavesTheReplicaUnreachable() {
		this.server.removeContext("/");
		this.server.createContext("/", (exchange) -> {
			byte[] bytes = "{\"walSize\":{\"not\":\"a number\"}}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});

		ReplicaSummary summary = this.client.summary(this.member, Mode.TOTAL_ORDER);

		assertThat(summary.reachable()).isFalse();
		assertThat(summary.error()).startsWith("unreadable answer from /api/replica");
	}

	@Test
	void pagesThroughTheAppliedLogAndReadsTheWal() {
		ReplicaSummary summary = this.client.summary(this.member, Mode.TOTAL_ORDER);

		History history = this.client.history(this.member, Mode.TOTAL_ORDER, summary, true);

		assertThat(history.applied()).hasSize(APPLIED_ROWS);
		assertThat(history.applied().get(APPLIED_ROWS - 1).position()).isEqualTo(APPLIED_ROWS);
		assertThat(history.applied().get(1).outcome()).isEqualTo(Outcome.DUPLICATE);
		assertThat(history.stable()).isTrue();
		assertThat(history.wal()).extracting(WalRow::source).containsExactly(Source.CLIENT, Source.KAFKA);
		assertThat(history.wal().get(1).kafkaOffset()).isEqualTo(7L);
		assertThat(history.orderedAtOrigin()).containsExactly(Map.entry(ORDERED_NOT_APPLIED, 1501L));
	}

	@Test
	void aReplicaThatDoesNotAnswerIsUnreachable() {
		this.server.stop(0);

		ReplicaSummary summary = this.client.summary(this.member, Mode.TOTAL_ORDER);

		assertThat(summary.reachable()).isFalse();
		assertThat(summary.error()).startsWith("no answer from " + this.member.url());
		assertThatExceptionOfType(ReplicaClient.Unobservable.class)
			.isThrownBy(() -> this.client.history(this.member, Mode.TOTAL_ORDER, summary, true));
	}

	private void answer(HttpExchange exchange) throws IOException {
		URI uri = exchange.getRequestURI();
		Map<String, String> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams().toSingleValueMap();
		String body = switch (uri.getPath()) {
			case "/api/replica" -> (this.view != null) ? this.json.writeValueAsString(this.view) : """
					{"id":"r2","peers":{},"walSize":2,"modes":{"total-order":{"topic":"ops","consumedOffset":1500,
					"endOffset":1500,"lag":0,"outbox":0,"kafka":"CONNECTED","walEntries":2,"applied":%d}},
					"partition":{"groups":[["r1"],["r2","r3"]],"kafka":null},"pid":1}""".formatted(APPLIED_ROWS);
			case "/api/total-order/kv" -> """
					{"replica":"r2","mode":"total-order","entries":{"color":["blue"]},"digest":"0123456789abcdef",
					"topic":"ops","consumedOffset":1500,"outbox":0}""";
			case "/api/replica/applied" ->
				applied(Long.parseLong(query.get("after")), Integer.parseInt(query.get("limit")));
			case "/api/replica/wal" -> (Long.parseLong(query.get("after")) > 0) ? "[]"
					: """
							[{"lsn":1,"opId":"%s","mode":"total-order","origin":"r2","source":"CLIENT","key":"color",
							  "value":"green","originLsn":1,"acceptedAt":"2026-11-29T12:00:00Z","recordedAt":"2026-11-29T12:00:00Z"},
							 {"lsn":2,"opId":"%s","mode":"total-order","origin":"r1","source":"KAFKA","key":"color",
							  "value":"blue","originLsn":4,"acceptedAt":"2026-11-29T12:00:00Z","recordedAt":"2026-11-29T12:00:01Z",
							  "kafkaOffset":7}]"""
						.formatted(ORDERED_NOT_APPLIED, op(1));
			case "/api/replica/ops/" + "00000000-0000-0000-0000-000000009001" -> """
					{"opId":"%s","replica":"r2","mode":"total-order","status":"ordered","offset":1501}"""
				.formatted(ORDERED_NOT_APPLIED);
			default -> null;
		};
		byte[] bytes = ((body != null) ? body : "{\"status\":404}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders((body != null) ? 200 : 404, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String applied(long after, int limit) {
		StringJoiner rows = new StringJoiner(",", "[", "]");
		for (long position = after + 1; position <= Math.min(after + limit, APPLIED_ROWS); position++) {
			String outcome = (position == 2) ? "DUPLICATE" : "APPLIED";
			rows.add("""
					{"mode":"total-order","position":%d,"opId":"%s","origin":"r1","key":"color","outcome":"%s",
					"detail":"offset %d","appliedAt":"2026-11-29T12:00:00Z"}""".formatted(position,
					op((int) ((position == 2) ? 1 : position)), outcome, position - 1));
		}
		return rows.toString();
	}

}
