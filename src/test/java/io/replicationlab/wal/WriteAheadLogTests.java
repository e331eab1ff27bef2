package io.replicationlab.wal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link WriteAheadLog#appendOnce}: the one check behind every mode's idempotent writes.
 * An op id is appended once; the same write sent again finds its first row and writes
 * nothing; another write under that op id is a conflict and writes nothing either.
 */
class WriteAheadLogTests {

	@TempDir
	Path dir;

	private WalDatabase database;

	@BeforeEach
	void open() {
		this.database = new WalDatabase(this.dir);
	}

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void aNewOpIsAppendedAndTheSameWriteSentAgainGetsItsRowAndWritesNothing() {
		UUID opId = UUID.randomUUID();

		AppendOnce first = appendOnce(write(opId, Mode.LOCAL, "k", "v"));
		AppendOnce again = appendOnce(write(opId, Mode.LOCAL, "k", "v"));

		assertThat(first.kind()).isEqualTo(AppendOnce.Kind.APPENDED);
		assertThat(first.appended()).isTrue();
		assertThat(again.kind()).isEqualTo(AppendOnce.Kind.SAME);
		assertThat(again.appended()).isFalse();
		assertThat(again.entry().lsn()).isEqualTo(first.entry().lsn());
		assertThat(this.database.wal.size()).isEqualTo(1);
	}

	@Test
	void aDeleteSentAgainIsTheSameWrite() {
		UUID opId = UUID.randomUUID();
		appendOnce(write(opId, Mode.TOTAL_ORDER, "k", null));

		assertThat(appendOnce(write(opId, Mode.TOTAL_ORDER, "k", null)).kind()).isEqualTo(AppendOnce.Kind.SAME);
	}

	@Test
	void anOpIdUsedForAnotherValueKeyOrModeIsAConflictThatWritesNothing() {
		UUID opId = UUID.randomUUID();
		WalEntry first = appendOnce(write(opId, Mode.LOCAL, "k", "v")).entry();

		for (NewWalEntry other : new NewWalEntry[] { write(opId, Mode.LOCAL, "k", "other"),
				write(opId, Mode.LOCAL, "k", null), write(opId, Mode.LOCAL, "other", "v"),
				write(opId, Mode.RECONCILE, "k", "v") }) {
			AppendOnce conflict = appendOnce(other);
			assertThat(conflict.kind()).as(other.toString()).isEqualTo(AppendOnce.Kind.CONFLICT);
			assertThat(conflict.entry().lsn()).isEqualTo(first.lsn());
		}
		assertThat(this.database.wal.size()).isEqualTo(1);
	}

	@Test
	void aNewOpIsCompletedBeforeItIsAppendedAndARetryIsNot() {
		UUID opId = UUID.randomUUID();
		AtomicInteger completions = new AtomicInteger();

		AppendOnce first = this.database.groupCommit
			.execute(() -> this.database.wal.appendOnce(write(opId, Mode.RECONCILE, "k", "v"), (op) -> {
				completions.incrementAndGet();
				return op.withDot(new Dot("r1", 1), VersionVector.empty());
			}));
		AppendOnce again = this.database.groupCommit
			.execute(() -> this.database.wal.appendOnce(write(opId, Mode.RECONCILE, "k", "v"), (op) -> {
				completions.incrementAndGet();
				return op.withDot(new Dot("r1", 2), VersionVector.parse("r1:1"));
			}));

		assertThat(first.entry().dot()).isEqualTo(new Dot("r1", 1));
		assertThat(again.kind()).isEqualTo(AppendOnce.Kind.SAME);
		assertThat(again.entry().dot()).isEqualTo(new Dot("r1", 1));
		assertThat(completions).hasValue(1);
	}

	@Test
	void aRetryInReconcileGetsTheOpIdsFirstRowWhicheverDotItCarries() {
		UUID opId = UUID.randomUUID();
		WalEntry named = appendOnce(
				write(opId, Mode.RECONCILE, "k", "v").withDot(new Dot("r2", 4), VersionVector.empty()))
			.entry();
		this.database.groupCommit.execute(() -> this.database.wal.append(
				NewWalEntry.fromPeer(opId, "r3", "k", "v", 9, Instant.now(), new Dot("r3", 1), VersionVector.empty())));

		AppendOnce retry = appendOnce(write(opId, Mode.RECONCILE, "k", "v"));

		assertThat(retry.kind()).isEqualTo(AppendOnce.Kind.SAME);
		assertThat(retry.entry().lsn()).isEqualTo(named.lsn());
		assertThat(retry.entry().dot()).isEqualTo(new Dot("r2", 4));
		assertThat(this.database.wal.size()).as("one write under two dots, nothing more").isEqualTo(2);
	}

	@Test
	void aDotAndItsContextComeBackFromTheDatabaseAsTheyWereAppended() {
		UUID named = UUID.randomUUID();
		UUID unnamed = UUID.randomUUID();
		UUID sawNothing = UUID.randomUUID();
		appendOnce(write(named, Mode.RECONCILE, "k", "v").withDot(new Dot("r1~5c1e0b7a", 7),
				VersionVector.parse("r1~5c1e0b7a:6,r2:3")));
		appendOnce(write(unnamed, Mode.LOCAL, "k", "v"));
		appendOnce(
				write(sawNothing, Mode.RECONCILE, "j", "v").withDot(new Dot("r1~5c1e0b7a", 8), VersionVector.empty()));

		WalEntry reconcile = this.database.wal.find(named).orElseThrow();
		assertThat(reconcile.dot()).isEqualTo(new Dot("r1~5c1e0b7a", 7));
		assertThat(reconcile.context()).isEqualTo(VersionVector.parse("r1~5c1e0b7a:6,r2:3"));
		WalEntry local = this.database.wal.find(unnamed).orElseThrow();
		assertThat(local.dot()).isNull();
		assertThat(local.context()).isNull();
		assertThat(this.database.wal.find(sawNothing).orElseThrow().context()).isEqualTo(VersionVector.empty());
	}

	@Test
	void aCompletionMayRefuseTheWriteAndMustNotChangeWhatItWrites() {
		UUID opId = UUID.randomUUID();

		assertThatIllegalStateException()
			.isThrownBy(() -> this.database.groupCommit.execute(() -> this.database.wal
				.appendOnce(write(opId, Mode.LOCAL, "k", "v"), (op) -> write(opId, Mode.LOCAL, "k", "changed"))))
			.withMessageContaining("must not change its op id, mode, key or value");
		assertThatIllegalStateException().isThrownBy(() -> this.database.groupCommit
			.execute(() -> this.database.wal.appendOnce(write(opId, Mode.LOCAL, "k", "v"), (op) -> {
				throw new IllegalStateException("refused");
			}))).withMessage("refused");
		assertThat(this.database.wal.size()).isZero();
	}

	@Test
	void appendOnceOutsideATransactionIsRefusedEvenForARetry() {
		UUID opId = UUID.randomUUID();
		appendOnce(write(opId, Mode.LOCAL, "k", "v"));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.database.wal.appendOnce(write(opId, Mode.LOCAL, "k", "v")))
			.withMessageContaining("outside a transaction");
	}

	/**
	 * H2 records a sequence's new high mark with a store of its own each time its cache
	 * runs out: the lsn's cache is large so that appends rarely pay for it (V12).
	 */
	@Test
	void theLsnIsHandedOutFromALargeCacheAndStillIncreasesByOne() {
		Long cache = JdbcClient.create(this.database.dataSource)
			.sql("select identity_cache from information_schema.columns "
					+ "where table_name = 'WAL_ENTRY' and column_name = 'LSN'")
			.query(Long.class)
			.single();
		assertThat(cache).isGreaterThanOrEqualTo(1024);

		long first = this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("a", "1")))
			.lsn();
		long second = this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("b", "2")))
			.lsn();
		assertThat(second).isEqualTo(first + 1);
	}

	private AppendOnce appendOnce(NewWalEntry op) {
		return this.database.groupCommit.execute(() -> this.database.wal.appendOnce(op));
	}

	private static NewWalEntry write(UUID opId, Mode mode, String key, String value) {
		return NewWalEntry.fromClient(opId, mode, "r1", key, value, Instant.now());
	}

}
