package io.replicationlab.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.system.ClusterOrigins;
import io.replicationlab.system.OriginProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A replica's {@code /api/lab} forwards to the supervisor (here a stub), one way for
 * every call: the controls' answers come back typed, their refusals as the same problems,
 * their failures as 502; the stories' answers verbatim (status, body, {@code Location});
 * the supervisor's absence as 503, never as a silent error.
 */
@WebMvcTest({ LabController.class, StoryForwardController.class })
@EnableConfigurationProperties({ ReplicaProperties.class, OriginProperties.class })
@Import({ ClusterOrigins.class, SupervisorForwarder.class })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabControllerTests {

	private static final HttpServer stub = stubSupervisor();

	@Autowired
	private MockMvc mvc;

	@DynamicPropertySource
	static void supervisor(DynamicPropertyRegistry registry) {
		registry.add("lab.supervisor-url", () -> "http://localhost:" + stub.getAddress().getPort());
	}

	@AfterAll
	static void stopStub() {
		stub.stop(0);
	}

	@Test
	@Order(1)
	void answersComeBackTyped() throws Exception {
		this.mvc.perform(get("/api/lab"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.bootstrapServers").value("localhost:9092"))
			.andExpect(jsonPath("$.processes[1].id").value("r1"))
			.andExpect(jsonPath("$.processes[1].pid").value(4242));
		this.mvc.perform(post("/api/lab/replicas/r1/kill"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("stopped"))
			.andExpect(jsonPath("$.exitCode").value(137));
	}

	@Test
	@Order(2)
	void refusalsComeBackAsTheSameProblems() throws Exception {
		this.mvc.perform(post("/api/lab/replicas/r1/start"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("r1 is already running (pid 4242)"))
			.andExpect(jsonPath("$.type").value("/problems/lab-process-state"));
	}

	@Test
	@Order(3)
	void switchesArePutWithTheirBodyAndTheirAnswersComeBackAsJson() throws Exception {
		this.mvc
			.perform(put("/api/lab/pitfalls/ack-before-durable?replica=r2").contentType(MediaType.APPLICATION_JSON)
				.content("{\"enabled\": true}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.method").value("PUT"))
			.andExpect(jsonPath("$.query").value("replica=r2"))
			.andExpect(jsonPath("$.posted.enabled").value(true));
		this.mvc
			.perform(put("/api/lab/replicas/r2/clock-offset").contentType(MediaType.APPLICATION_JSON)
				.content("{\"offsetMillis\": 1500}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.method").value("PUT"))
			.andExpect(jsonPath("$.posted.offsetMillis").value(1500));
	}

	@Test
	@Order(3)
	void storiesComeBackVerbatim() throws Exception {
		this.mvc
			.perform(post("/api/lab/stories/demo/runs").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"demo\"}"))
			.andExpect(status().isAccepted())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/lab/stories/runs/7"))
			.andExpect(jsonPath("$.posted.name").value("demo"));
		this.mvc.perform(get("/api/lab/stories/runs/9/report.json"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("run 9 has not finished"));
	}

	@Test
	@Order(4)
	void aFailingSupervisorIsABadGateway() throws Exception {
		this.mvc.perform(post("/api/lab/kafka/stop"))
			.andExpect(status().isBadGateway())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@Order(5)
	void anUnreachableSupervisorIsServiceUnavailable() throws Exception {
		stub.stop(0);
		this.mvc.perform(post("/api/lab/kafka/start"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Lab supervisor unreachable"))
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"));
		this.mvc.perform(get("/api/lab/stories"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("/problems/lab-supervisor-unavailable"))
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"));
	}

	private static HttpServer stubSupervisor() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/api/lab", (exchange) -> {
				String path = exchange.getRequestURI().getPath();
				switch (path) {
					case "/api/lab" -> send(exchange, 200, "application/json",
							"""
									{"supervisorPid":1,"supervisorUrl":"http://localhost:8080","bootstrapServers":"localhost:9092",
									"dataDir":"/data","processes":[
									{"id":"kafka","kind":"kafka","state":"running","pid":4241,"port":9092,"url":"localhost:9092",
									"dataDir":"/data/kafka","log":"/data/kafka.log","exitCode":null,"startedAt":"2026-11-29T12:00:00Z","starts":1},
									{"id":"r1","kind":"replica","state":"running","pid":4242,"port":8081,"url":"http://localhost:8081",
									"dataDir":"/data/r1","log":"/data/r1.log","exitCode":null,"startedAt":"2026-11-29T12:00:00Z","starts":1}]}""");
					case "/api/lab/replicas/r1/kill" -> send(exchange, 200, "application/json",
							"""
									{"id":"r1","kind":"replica","state":"stopped","pid":null,"port":8081,"url":"http://localhost:8081",
									"dataDir":"/data/r1","log":"/data/r1.log","exitCode":137,"startedAt":"2026-11-29T12:00:00Z","starts":1}""");
					case "/api/lab/replicas/r1/start" -> send(exchange, 409, "application/problem+json",
							"""
									{"type":"/problems/lab-process-state","title":"Not possible in the process's state",
									"status":409,"detail":"r1 is already running (pid 4242)","instance":"/api/lab/replicas/r1/start"}""");
					case "/api/lab/pitfalls/ack-before-durable", "/api/lab/replicas/r2/clock-offset" -> {
						String posted = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
						String query = exchange.getRequestURI().getQuery();
						send(exchange, 200, "application/json",
								"{\"method\":\"" + exchange.getRequestMethod() + "\",\"query\":"
										+ ((query != null) ? "\"" + query + "\"" : "null") + ",\"posted\":" + posted
										+ "}");
					}
					case "/api/lab/stories/demo/runs" -> {
						String posted = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
						exchange.getResponseHeaders().set("Location", "/api/lab/stories/runs/7");
						send(exchange, 202, "application/json", "{\"posted\":" + posted + "}");
					}
					case "/api/lab/stories/runs/9/report.json" -> send(exchange, 409, "application/problem+json", """
							{"type":"/problems/story-run-state","title":"Not finished","status":409,
							"detail":"run 9 has not finished"}""");
					default -> send(exchange, 500, "application/problem+json", "{\"status\":500}");
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		exchange.close();
	}

}
