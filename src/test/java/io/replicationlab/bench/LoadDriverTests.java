package io.replicationlab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LoadDriverTests {

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
			byte[] answer = (bad ? "{\"title\":\"Bad value\"}" : "{\"lsn\":1}").getBytes(StandardCharsets.UTF_8);
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
	void putsTheJsonBodyAndReturnsTheStatus() throws IOException {
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k?await=durable", json("{\"value\":\"v\"}")))
			.isEqualTo(200);
		assertThat(this.seen).singleElement()
			.asString()
			.startsWith("PUT /api/local/kv/k?await=durable application/json {\"value\":\"v\"} from ");
	}

	@Test
	void aRefusedWriteKeepsTheConnectionForTheNextOne() throws IOException {
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"bad\"}"))).isEqualTo(400);
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"v\"}"))).isEqualTo(200);
		assertThat(LoadDriver.put(this.base + "/api/local/kv/k", json("{\"value\":\"v\"}"))).isEqualTo(200);
		// each answer was read to its end, so the same connection carried all three
		assertThat(this.seen).hasSize(3)
			.extracting((line) -> line.substring(line.lastIndexOf(' ') + 1))
			.containsOnly(this.seen.get(0).substring(this.seen.get(0).lastIndexOf(' ') + 1));
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
