package io.replicationlab.mode;

import java.util.Map;
import java.util.Objects;

import io.replicationlab.replica.Mode;
import io.replicationlab.system.ClientProblem;
import io.replicationlab.wal.WalEntry;

import org.springframework.http.HttpStatus;

/**
 * Idempotent retries: a write whose op id is already in the WAL is the same write sent again, and gets the first
 * write's receipt; an op id reused for a different write is a client error.
 */
public final class Retries {

	private Retries() {
	}

	/**
	 * Returns the earlier WAL entry when the command is a retry of it.
	 * @throws ClientProblem 409 when the op id was used for a different write
	 */
	public static WalEntry requireSameWrite(Mode mode, WriteCommand command, WalEntry earlier) {
		if (earlier.mode() != mode || !earlier.key().equals(command.key())
				|| !Objects.equals(earlier.value(), command.value())) {
			throw new ClientProblem(HttpStatus.CONFLICT, "op-id-reused", "Op id already used",
					"Op id " + command.opId() + " was already used for another write (" + earlier.mode() + " key '"
							+ earlier.key() + "', lsn " + earlier.lsn() + "); use a new op id for a new write",
					Map.of("lsn", earlier.lsn()));
		}
		return earlier;
	}

}
