package io.replicationlab.mode;

import java.util.Map;

import io.replicationlab.system.ClientProblem;
import io.replicationlab.wal.AppendOnce;
import io.replicationlab.wal.WalEntry;

import org.springframework.http.HttpStatus;

/**
 * Idempotent retries: a write whose op id is already in the WAL is the same write sent
 * again, and gets the first write's receipt; an op id reused for a different write is a
 * client error. The WAL tells which
 * ({@link io.replicationlab.wal.WriteAheadLog#appendOnce}).
 */
public final class Retries {

	private Retries() {
	}

	/**
	 * Returns the entry the write is in the WAL as: the one just appended, or the earlier
	 * one it retries.
	 * @throws ClientProblem 409 when the op id was used for a different write
	 */
	public static WalEntry requireSameWrite(AppendOnce once) {
		if (once.kind() == AppendOnce.Kind.CONFLICT) {
			WalEntry earlier = once.entry();
			throw new ClientProblem(HttpStatus.CONFLICT, "op-id-reused", "Op id already used",
					"Op id " + earlier.opId() + " was already used for another write (" + earlier.mode() + " key '"
							+ earlier.key() + "', lsn " + earlier.lsn() + "); use a new op id for a new write",
					Map.of("lsn", earlier.lsn()));
		}
		return once.entry();
	}

}
