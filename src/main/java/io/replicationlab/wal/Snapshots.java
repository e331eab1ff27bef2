package io.replicationlab.wal;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that see one consistent state of the replica's database, never half of a group
 * commit.
 * <p>
 * A read made of several statements outside a transaction (a key's header, then its
 * siblings; a state's entries, then its digest) runs each statement at H2's default
 * {@code READ COMMITTED}, so a commit of the single writer can land between two of them:
 * the read then combines two states, and a reconcile key whose context does not cover its
 * siblings fails its own invariant (a 500). H2's {@code REPEATABLE READ} is not enough
 * either: it fixes each table when the transaction first reads it, so two tables can
 * still come from two commits. {@code SERIALIZABLE} in H2's MVStore reads the whole
 * database from one snapshot and, for a read-only transaction, takes no lock that would
 * hold up the writer.
 */
@Component
public class Snapshots {

	private final TransactionTemplate reads;

	Snapshots(PlatformTransactionManager transactionManager) {
		this.reads = new TransactionTemplate(transactionManager);
		this.reads.setReadOnly(true);
		this.reads.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
	}

	/**
	 * Runs the reads against one snapshot of the database (inside a write's transaction,
	 * that transaction's view).
	 */
	public <T> T read(Supplier<T> reads) {
		return this.reads.execute((status) -> reads.get());
	}

}
