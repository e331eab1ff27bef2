package io.replicationlab.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.system.ClusterTokenFilter;

import org.springframework.stereotype.Component;

/**
 * Talks to peers over HTTP with short timeouts, presenting the cluster token and this replica's id.
 * <p>
 * {@link #send} is for replication traffic and refuses peers the partition in force cuts off in the direction the
 * data would travel, so a partition holds on the sending side as well as on the receiving one. {@link #control} ignores the partition: it carries the
 * partition commands themselves, which must reach everyone to impose or heal a cut.
 */
@Component
public class PeerClient {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private final PeerDirectory directory;

	private final PartitionTable partitions;

	private final String token;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(CONNECT_TIMEOUT)
		.build();

	PeerClient(PeerDirectory directory, PartitionTable partitions, ReplicaProperties replica) {
		this.directory = directory;
		this.partitions = partitions;
		this.token = replica.clusterToken();
	}

	/**
	 * An answer from a peer.
	 *
	 * @param status the HTTP status
	 * @param body the body as sent, so that its size is the bytes shipped
	 */
	public record PeerResponse(int status, byte[] body) {

		public boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Sends replication traffic to a peer the partition lets this replica reach.
	 * @param body a JSON body, or {@code null}
	 * @throws PeerUnreachableException when the peer is cut off, unknown, down or too slow
	 */
	public PeerResponse send(String peer, String method, String pathAndQuery, byte[] body) {
		// a GET fetches (data flows from the peer to here), any other method delivers (from here to the peer)
		boolean allowed = method.equals("GET") ? this.partitions.receivesFrom(peer) : this.partitions.sendsTo(peer);
		if (!allowed) {
			throw new PeerUnreachableException(peer, "cut off by the partition in force", null);
		}
		return exchange(peer, method, pathAndQuery, body);
	}

	/** Sends a control command (a partition change) to a peer whatever the partition in force. */
	public PeerResponse control(String peer, String method, String pathAndQuery, byte[] body) {
		return exchange(peer, method, pathAndQuery, body);
	}

	private PeerResponse exchange(String peer, String method, String pathAndQuery, byte[] body) {
		URI base = this.directory.url(peer)
			.orElseThrow(() -> new PeerUnreachableException(peer, "not a configured peer", null));
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
			.timeout(REQUEST_TIMEOUT)
			.header(ClusterTokenFilter.TOKEN_HEADER, this.token)
			.header(ClusterTokenFilter.REPLICA_HEADER, this.directory.self())
			.header("Accept", "application/json, application/problem+json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new PeerResponse(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			String reason = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			throw new PeerUnreachableException(peer, reason, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PeerUnreachableException(peer, "interrupted", ex);
		}
	}

}
