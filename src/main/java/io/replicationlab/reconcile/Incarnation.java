package io.replicationlab.reconcile;

import io.replicationlab.peers.PeerDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The name under which this replica issues reconcile dots: its id, {@code ~}, and the
 * incarnation of its data directory ({@code r1~3f9a0c2e}), drawn when the database was
 * created (migration V4) and lost with it.
 * <p>
 * Why: a replica whose data directory was lost starts its counter from 1 again. Under its
 * bare id it would name new writes with dots its peers already hold for other writes, and
 * they would refuse them for ever. No catch-up from peers can rule that out (a peer that
 * is down may hold the last of its old ops, and the replica may be killed again while
 * catching up); a new name can. Each lifetime of a data directory is a new origin: one
 * more version vector entry per lost data directory, never reused.
 */
@Component
class Incarnation {

	static final char SEPARATOR = '~';

	private final String self;

	private final JdbcClient jdbc;

	private volatile String name;

	Incarnation(PeerDirectory directory, JdbcClient jdbc) {
		this.self = directory.self();
		this.jdbc = jdbc;
	}

	/**
	 * {@code r1~3f9a0c2e}: the replica part of every dot this replica issues in this data
	 * directory's lifetime.
	 */
	String name() {
		String known = this.name;
		if (known == null) {
			known = this.self + SEPARATOR
					+ this.jdbc.sql("select id from reconcile_incarnation").query(String.class).single();
			this.name = known;
		}
		return known;
	}

	/**
	 * The replica that issued dots under this name: {@code r1} for {@code r1~3f9a0c2e}
	 * (and for {@code r1}).
	 */
	static String replicaOf(String dotReplica) {
		int separator = dotReplica.indexOf(SEPARATOR);
		return (separator < 0) ? dotReplica : dotReplica.substring(0, separator);
	}

}
