package io.replicationlab.replica;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This replica's identity and its place in the cluster.
 *
 * @param id the replica id ({@code REPLICA_ID}), 1-64 characters of
 * {@code [A-Za-z0-9._-]}
 * @param dataDir where the H2 files live ({@code REPLICA_DATA_DIR}, default
 * {@code ./data/<id>})
 * @param peers the other replicas, {@code r2=http://host:8082,r3=http://host:8083}
 * ({@code REPLICA_PEERS}); an entry naming this replica itself is ignored, so every
 * replica of a cluster can be given the same list
 * @param clusterToken the shared secret replicas present to each other on
 * {@code /internal/**} ({@code REPLICA_CLUSTER_TOKEN})
 */
@ConfigurationProperties("replica")
public record ReplicaProperties(@DefaultValue("r1") String id, Path dataDir, @DefaultValue("") String peers,
		@DefaultValue("change-me") String clusterToken) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	public ReplicaProperties {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException(
					"replica.id '" + id + "' must be 1-64 characters of letters, digits, '.', '_' or '-'");
		}
		dataDir = (dataDir != null) ? dataDir : Path.of("data", id);
		dataDir = dataDir.toAbsolutePath().normalize();
	}

	/** The peers by id, in the order given, without this replica. */
	public Map<String, URI> peerUrls() {
		Map<String, URI> urls = new LinkedHashMap<>();
		for (String entry : this.peers.split(",")) {
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int equals = trimmed.indexOf('=');
			if (equals <= 0 || equals == trimmed.length() - 1) {
				throw new IllegalArgumentException(
						"replica.peers entry '" + trimmed + "' must look like r2=http://host:8082");
			}
			String peerId = trimmed.substring(0, equals).trim();
			if (!peerId.equals(this.id)) {
				urls.put(peerId, URI.create(trimmed.substring(equals + 1).trim()));
			}
		}
		return Collections.unmodifiableMap(urls);
	}

}
