package io.replicationlab.replica;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What {@code GET /api/replica} answers: written by {@code mode}'s controller, read back
 * by {@code cluster}'s client, so that a renamed field breaks the build rather than a
 * cluster view. The JSON keys are the component names in component order (the dashboard
 * and the OpenAPI schema read them); the sections other modules contribute
 * ({@link ReplicaInfoContributor}: {@link #PARTITION}...) follow them, at the top level.
 * <p>
 * Numbers are boxed: the reader keeps a replica whose answer lacks one (an older build)
 * instead of refusing it.
 *
 * @param id the replica's id
 * @param peers the other replicas by id: their base URLs
 * @param walSize rows in the WAL, every mode
 * @param modes each mode's position, by path segment
 * @param kafkaBootstrapServers the Kafka it talks to, {@code null} without one
 * @param pid the OS process id
 * @param dataDir where its WAL and state live
 * @param clockOffsetMillis the skew applied to its accept clock
 * @param sections what other modules add, by key, in bean order (read back in no
 * particular order)
 */
@JsonPropertyOrder({ "id", "peers", "walSize", "modes", "kafkaBootstrapServers", "pid", "dataDir", "clockOffsetMillis",
		"sections" })
@Schema(name = "ReplicaSummary", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
		description = "Who the replica is and where each mode stands; the sections other modules contribute "
				+ "(partition...) follow at the top level")
public record ReplicaView(@Schema(requiredMode = RequiredMode.REQUIRED, example = "r1") String id,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "The other replicas by id: their base URLs") Map<String, String> peers,
		@Schema(requiredMode = RequiredMode.REQUIRED) Long walSize,
		@Schema(requiredMode = RequiredMode.REQUIRED) Map<String, ModeView> modes,
		@Schema(example = "kafka:9092") String kafkaBootstrapServers,
		@Schema(requiredMode = RequiredMode.REQUIRED) Long pid, @Schema(example = "/data") String dataDir,
		Long clockOffsetMillis, @Schema(hidden = true) @JsonAnyGetter @JsonAnySetter Map<String, Object> sections) {

	/** The section {@code peers} contributes: the partition in force. */
	public static final String PARTITION = "partition";

	public ReplicaView {
		peers = ordered(peers);
		modes = ordered(modes);
		sections = ordered(sections);
	}

	/**
	 * The partition in force as the replica shows it (a JSON object once read back),
	 * {@code null} when it shows none.
	 */
	public Object partition() {
		return this.sections.get(PARTITION);
	}

	private static <V> Map<String, V> ordered(Map<String, V> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

	/**
	 * One mode's entry under {@code modes}: what the mode reports of where it stands
	 * (total-order: offsets, lag, outbox, Kafka link; reconcile: version vector, shipped
	 * and received counts), then its WAL rows and the applied log's last position.
	 *
	 * @param position the mode's own fields, flattened into the entry
	 * @param walEntries this mode's rows in the WAL
	 * @param applied the last position of this mode's applied log
	 */
	@JsonPropertyOrder({ "position", "walEntries", "applied" })
	@Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
			description = "The mode's position: walEntries and applied (the applied log's last position), plus "
					+ "what the mode adds (total-order: offset, outbox...; reconcile: versionVector...)")
	public record ModeView(@Schema(hidden = true) @JsonAnyGetter Map<String, Object> position, Long walEntries,
			Long applied) {

		public ModeView {
			position = ordered(position);
		}

		/**
		 * Reads an entry back, its position in the order written (an any-setter parameter
		 * would fill it in no particular order); a count that is not a number reads as
		 * {@code null}.
		 */
		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static ModeView read(LinkedHashMap<String, Object> fields) {
			Long walEntries = number(fields.remove("walEntries"));
			Long applied = number(fields.remove("applied"));
			return new ModeView(fields, walEntries, applied);
		}

		private static Long number(Object value) {
			if (value instanceof Number number) {
				return number.longValue();
			}
			try {
				return (value instanceof String text) ? Long.valueOf(text) : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
