package io.replicationlab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoadDriverTests {

	private static final UUID RECEIPT_OP_ID = UUID.fromString("019ae39c-8a1f-7123-8f00-0000a1b2c3d4");

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private String base;

	@BeforeEach
	void serve() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ exchange.getRequestHeaders().getFirst("Content-Type") + " " + body + " from "
					+ exchange.getRemoteAddress().getPort());
			boolean bad = body.contains("bad");
			byte[] answer = (bad ? "{\"title\":\"Bad value\"}"
					: "{\"lsn\":1,\"opId\":\"" + RECEIPT_OP_ID + "\",\"status\":\"applied\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", bad ? "application/problem+json" : "application/json");
			exchange.sendResponseHeaders(bad ? 400 : 200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
		this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void putsTheJsonBodyAndReturnsTheStatusAndTheReceiptsOpId() throws IOException {
		LoadDriver.Answer answer = LoadDriver.put(this.base + "/api/local/kv/k?await=durable",
				json("{\"value\":\"v\"}"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.opId()).isEqualTo(RECEIPT_OP_ID);
		assertThat(this.seen).singleElement()
			.asString()
			.startsWith("PUT /api/local/kv/k?await=durable application/json {\"value\":\"v\"} from ");
	}

	@Test
	void aRefusedWriteKeepsTheConnectionForTheNextOne() throws IOException {
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"bad\"}")).status()).isEqualTo(400);
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"v\"}")).status()).isEqualTo(200);
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"v\"}")).status()).isEqualTo(200);
		// each answer was read to its end, so the same connection carried all three
		assertThat(this.seen).hasSize(3)
			.extracting((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.containsOnly(this.seen.get(0).substring(this.seen.get(0).lastIndexOf(' ') + 1));
	}

	@Test
	void withReplicaOpIdsAWriteSendsNoneAndTakesTheReceiptsWithRandomOnesItSendsItsOwn() throws Exception {
		LoadDriver.Load replica = new LoadDriver(LoadDriver.OpIdSource.REPLICA).run(List.of(this.base), "local", null,
				1, Duration.ZERO, 2, 0, "k", 1);
		assertThat(replica.samples()).extracting(LoadDriver.Sample::opId).containsOnly(RECEIPT_OP_ID);
		assertThat(this.seen).allMatch((line) -> !line.contains("opId"));

		this.seen.clear();
		LoadDriver.Load random = new LoadDriver(LoadDriver.OpIdSource.RANDOM).run(List.of(this.base), "local", null, 1,
				Duration.ZERO, 2, 0, "k", 1);
		assertThat(random.samples()).extracting(LoadDriver.Sample::opId)
			.doesNotContain(RECEIPT_OP_ID)
			.allMatch((opId) -> opId.version() == 4)
			.doesNotHaveDuplicates();
		assertThat(this.seen).hasSize(2)
			.allMatch((line) -> line.contains("\"opId\":\"" + random.samples().get(0).opId() + "\"")
					|| line.contains("\"opId\":\"" + random.samples().get(1).opId() + "\""));
	}

	@Test
	void aServerThatIsGoneIsAnError() {
		this.server.stop(0);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"v\"}")));
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
