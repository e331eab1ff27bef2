package io.replicationlab.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.replica.ReplicaView;
import io.replicationlab.state.Outcome;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.wal.Source;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads one replica through its public HTTP API ({@code /api/replica}, its {@code /wal}
 * and {@code /applied} pages, {@code /api/{mode}/kv}, {@code /api/replica/ops/{id}}),
 * with short timeouts. {@code /api/replica} is read as the {@link ReplicaView} its
 * controller writes; the other answers are parsed leniently (as JSON trees), so that
 * fields a mode adds do not break the observer.
 */
@Component
class ReplicaClient {

	static final int PAGE = 1000;

	private final RestClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final ClusterProperties properties;

	/**
	 * @param builder Spring Boot's managed builder (observed: client spans, trace
	 * headers, request timers)
	 */
	ReplicaClient(ClusterProperties properties, RestClient.Builder builder) {
		this.properties = properties;
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.readTimeout());
		this.http = builder.requestFactory(requests).build();
	}

	/**
	 * The replica's summary in the mode, or an unreachable summary saying why it could
	 * not be read.
	 */
	ReplicaSummary summary(Member member, Mode mode) {
		try {
			ReplicaView replica = view(member);
			JsonNode state = get(member, "/api/" + mode.pathSegment() + "/kv", Map.of());
			ReplicaView.ModeView modeInfo = replica.modes().get(mode.pathSegment());
			SortedMap<String, List<String>> entries = entries(state.path("entries"));
			Map<String, Object> position = position(modeInfo, state.path("position"));
			return new ReplicaSummary(member.id(), member.url().toString(), true, null, replica.walSize(),
					(modeInfo != null) ? modeInfo.walEntries() : null, (modeInfo != null) ? modeInfo.applied() : null,
					text(state.path("digest")), entries.size(), text(state.path("versionVector")),
					position.isEmpty() ? null : position, replica.partition(), entries, liveOps(state.path("liveOps")));
		}
		catch (Unobservable ex) {
			return ReplicaSummary.unreachable(member, ex.getMessage());
		}
		catch (RuntimeException ex) {
			return ReplicaSummary.unreachable(member, "unreadable answer: " + rootMessage(ex));
		}
	}

	/**
	 * Everything the verifier needs from one replica in one mode: its state, its whole
	 * applied log and (when asked) its WAL, page by page. The snapshot is {@code stable}
	 * when the applied log did not grow between reading the state and finishing.
	 * @param before the summary just read from the replica (its state goes into the
	 * history)
	 * @throws Unobservable when the replica does not answer every page
	 */
	History history(Member member, Mode mode, ReplicaSummary before, boolean withWal) {
		if (!before.reachable()) {
			throw new Unobservable(before.error());
		}
		List<AppliedRow> applied = appliedLog(member, mode);
		List<WalRow> wal = withWal ? wal(member, mode) : List.of();
		int[] unexamined = { 0 };
		Map<UUID, Long> ordered = (withWal && mode == Mode.TOTAL_ORDER)
				? orderedAtOrigin(member, applied, wal, unexamined) : Map.of();
		ReplicaView.ModeView after = view(member).modes().get(mode.pathSegment());
		Long appliedAfter = (after != null) ? after.applied() : null;
		boolean stable = before.applied() != null && before.applied().equals(appliedAfter)
				&& applied.size() == before.applied();
		return new History(member.id(), applied, wal, before.entries(), before.digest(), before.versionVector(),
				ordered, stable, before.liveOps(), unexamined[0]);
	}

	private List<AppliedRow> appliedLog(Member member, Mode mode) {
		List<AppliedRow> rows = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = get(member, "/api/replica/applied",
					Map.of("mode", mode.pathSegment(), "after", after, "limit", PAGE));
			for (JsonNode row : page.values()) {
				rows.add(new AppliedRow(row.path("position").asLong(), UUID.fromString(text(row.path("opId"))),
						text(row.path("origin")), text(row.path("key")), outcome(text(row.path("outcome")))));
			}
			if (page.size() < PAGE) {
				return rows;
			}
			after = rows.get(rows.size() - 1).position();
		}
	}

	private List<WalRow> wal(Member member, Mode mode) {
		List<WalRow> rows = new ArrayList<>();
		long after = 0;
		while (true) {
			JsonNode page = get(member, "/api/replica/wal",
					Map.of("mode", mode.pathSegment(), "after", after, "limit", PAGE));
			for (JsonNode row : page.values()) {
				rows.add(new WalRow(row.path("lsn").asLong(), UUID.fromString(text(row.path("opId"))),
						text(row.path("origin")), source(text(row.path("source"))), text(row.path("key")),
						text(row.path("value")), longOrNull(row.path("kafkaOffset")), text(row.path("dot")),
						text(row.path("context"))));
			}
			if (page.size() < PAGE) {
				return rows;
			}
			after = rows.get(rows.size() - 1).lsn();
		}
	}

	/**
	 * The ops this replica accepted from clients and has not applied itself, that it
	 * reports as ordered: asked one by one at {@code /api/replica/ops/{id}}, at most
	 * {@code cluster.max-op-lookups} of them; how many more there were goes to
	 * {@code unexamined[0]}, so that no-loss says it could not judge them instead of
	 * passing over them.
	 */
	private Map<UUID, Long> orderedAtOrigin(Member member, List<AppliedRow> applied, List<WalRow> wal,
			int[] unexamined) {
		Set<UUID> appliedHere = new HashSet<>();
		applied.stream().filter(AppliedRow::effective).forEach((row) -> appliedHere.add(row.opId()));
		Map<UUID, Long> ordered = new HashMap<>();
		List<WalRow> candidates = wal.stream()
			.filter((row) -> row.source() == Source.CLIENT && row.kafkaOffset() == null
					&& !appliedHere.contains(row.opId()))
			.toList();
		unexamined[0] = Math.max(0, candidates.size() - this.properties.maxOpLookups());
		candidates.stream().limit(this.properties.maxOpLookups()).forEach((row) -> {
			Long offset = longOrNull(get(member, "/api/replica/ops/" + row.opId(), Map.of()).path("offset"));
			if (offset != null) {
				ordered.put(row.opId(), offset);
			}
		});
		return ordered;
	}

	/**
	 * The replica's {@code /api/replica}, typed: the fields this client reads are the
	 * components the controller writes.
	 */
	private ReplicaView view(Member member) {
		JsonNode node = get(member, "/api/replica", Map.of());
		try {
			ReplicaView view = node.isObject() ? this.json.treeToValue(node, ReplicaView.class) : null;
			if (view == null) {
				throw new Unobservable("unreadable answer from /api/replica: not an object");
			}
			return view;
		}
		catch (JacksonException ex) {
			throw new Unobservable("unreadable answer from /api/replica: " + rootMessage(ex));
		}
	}

	private JsonNode get(Member member, String path, Map<String, Object> query) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(member.url()).path(path);
		query.forEach(uri::queryParam);
		URI target = uri.build().toUri();
		try {
			String body = this.http.get().uri(target).retrieve().body(String.class);
			return this.json.readTree((body != null) ? body : "null");
		}
		catch (RestClientResponseException ex) {
			throw new Unobservable("HTTP " + ex.getStatusCode().value() + " from " + path);
		}
		catch (RestClientException ex) {
			throw new Unobservable("no answer from " + member.url() + ": " + rootMessage(ex));
		}
		catch (RuntimeException ex) {
			throw new Unobservable("unreadable answer from " + path + ": " + rootMessage(ex));
		}
	}

	/**
	 * One GET on the member, answered as the member answered it: status, content type and
	 * body, no other header. {@code path} is a list of segments, each encoded, so that no
	 * segment can climb out of the API.
	 * @throws ClientProblem 502 replica-unreachable when the member gives no answer
	 */
	ResponseEntity<byte[]> relay(Member member, List<String> path, MultiValueMap<String, String> query) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(member.url()).pathSegment(path.toArray(String[]::new));
		if (query != null) {
			uri.queryParams(query);
		}
		URI target = uri.build().encode().toUri();
		try {
			return this.http.get().uri(target).exchange((request, response) -> {
				ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.getStatusCode())
					.cacheControl(CacheControl.noStore());
				MediaType type = response.getHeaders().getContentType();
				if (type != null) {
					answer.contentType(type);
				}
				return answer.body(response.getBody().readAllBytes());
			});
		}
		catch (RestClientException ex) {
			throw new ClientProblem(HttpStatus.BAD_GATEWAY, "replica-unreachable", "Replica did not answer",
					"No answer from " + member.id() + " at " + member.url() + ": " + rootMessage(ex));
		}
	}

	/**
	 * Where the replica stands in the mode: what its mode reports in
	 * {@code /api/replica}'s {@code modes.<mode>} (total-order: consumed offset, end
	 * offset, lag, outbox, Kafka link; reconcile: version vector, shipped and received
	 * counts), without the WAL and applied counts shown beside it, plus a
	 * {@code position} field of {@code /api/<mode>/kv} if there is one.
	 */
	private Map<String, Object> position(ReplicaView.ModeView modeInfo, JsonNode statePosition) {
		Map<String, Object> position = new java.util.LinkedHashMap<>();
		if (modeInfo != null) {
			position.putAll(modeInfo.position());
		}
		if (present(statePosition)) {
			position.put("position", this.json.treeToValue(statePosition, Object.class));
		}
		return position;
	}

	private static SortedMap<String, List<String>> entries(JsonNode node) {
		SortedMap<String, List<String>> entries = new TreeMap<>();
		node.properties().forEach((entry) -> {
			List<String> values = new ArrayList<>();
			entry.getValue().values().forEach((value) -> values.add(text(value)));
			entries.put(entry.getKey(), values);
		});
		return entries;
	}

	/**
	 * reconcile's {@code liveOps} (key -> op ids of its live siblings), flattened;
	 * {@code null} when absent.
	 */
	private static Set<UUID> liveOps(JsonNode node) {
		if (!node.isObject()) {
			return null;
		}
		Set<UUID> ops = new HashSet<>();
		node.properties().forEach((entry) -> entry.getValue().values().forEach((id) -> {
			try {
				ops.add(UUID.fromString(id.asString()));
			}
			catch (IllegalArgumentException ex) {
				// not an op id: it cannot make a write live
			}
		}));
		return ops;
	}

	private static Outcome outcome(String name) {
		try {
			return Outcome.valueOf(name);
		}
		catch (RuntimeException ex) {
			return Outcome.REJECTED;
		}
	}

	private static Source source(String name) {
		try {
			return Source.valueOf(name);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static boolean present(JsonNode node) {
		return !node.isMissingNode() && !node.isNull();
	}

	static String text(JsonNode node) {
		return present(node) ? node.asString() : null;
	}

	static Long longOrNull(JsonNode node) {
		if (node.isNumber()) {
			return node.longValue();
		}
		if (node.isString()) {
			try {
				return Long.valueOf(node.stringValue());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * The replica could not be observed: it did not answer, or answered with an error.
	 */
	static class Unobservable extends RuntimeException {

		Unobservable(String message) {
			super(message);
		}

	}

}
