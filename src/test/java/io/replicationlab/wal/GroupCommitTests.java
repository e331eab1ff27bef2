package io.replicationlab.wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.replicationlab.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The single writer commits concurrent units together, rolls back a failing unit alone,
 * and assigns lsns in commit order. To make a batch deterministic, a first unit holds the
 * writer while the others queue up behind it.
 */
class GroupCommitTests {

	@TempDir
	Path dir;

	private WalDatabase database;

	private final CountDownLatch writerHeld = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void open() {
		this.database = new WalDatabase(this.dir);
	}

	@AfterEach
	void close() {
		this.release.countDown();
		this.database.close();
	}

	@Test
	void aFailingUnitRollsBackAloneWhileTheRestOfItsBatchCommits() {
		CompletableFuture<Object> holder = holdTheWriter();
		CompletableFuture<WalEntry> a = append("a");
		CompletableFuture<WalEntry> b = this.database.groupCommit.submit(() -> {
			this.database.wal.append(WalDatabase.clientWrite("b", "doomed"));
			throw new IllegalStateException("unit b fails after its append");
		});
		CompletableFuture<WalEntry> c = append("c");

		this.release.countDown();

		holder.join();
		assertThat(a.join().key()).isEqualTo("a");
		assertThat(c.join().key()).isEqualTo("c");
		assertThatExceptionOfType(CompletionException.class).isThrownBy(b::join)
			.withCauseInstanceOf(IllegalStateException.class)
			.withMessageContaining("unit b fails after its append");
		assertThat(this.database.groupCommit.committedBatches()).as("the holder alone, then a, b and c together")
			.isEqualTo(2);
		assertThat(this.database.wal.page(null, 0, 10)).extracting(WalEntry::key).containsExactly("a", "c");
	}

	@Test
	void concurrentSubmitsFromManyThreadsShareOneTransaction() throws InterruptedException {
		int writers = 8;
		CompletableFuture<Object> holder = holdTheWriter();
		ExecutorService clients = Executors.newFixedThreadPool(writers);
		List<CompletableFuture<WalEntry>> appends = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			String key = "k" + i;
			appends.add(
					CompletableFuture
						.supplyAsync(
								() -> this.database.groupCommit
									.execute(() -> this.database.wal.append(WalDatabase.clientWrite(key, "v"))),
								clients));
		}
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.database.groupCommit.queued() == writers);

		this.release.countDown();

		holder.join();
		appends.forEach(CompletableFuture::join);
		assertThat(this.database.groupCommit.committedBatches()).isEqualTo(2);
		assertThat(this.database.wal.size()).isEqualTo(writers);
		clients.shutdown();
		assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void lsnOrderIsCommitOrder() {
		record Appended(long lsn, long batch) {
		}
		List<CompletableFuture<List<CompletableFuture<Appended>>>> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			String prefix = "t" + t + "-";
			threads.add(CompletableFuture.supplyAsync(() -> {
				List<CompletableFuture<Appended>> appends = new ArrayList<>();
				for (int i = 0; i < 30; i++) {
					String key = prefix + i;
					appends.add(this.database.groupCommit.submit(() -> {
						long batch = this.database.groupCommit.committedBatches();
						return new Appended(this.database.wal.append(WalDatabase.clientWrite(key, "v")).lsn(), batch);
					}));
				}
				return appends;
			}));
		}

		List<Appended> byLsn = threads.stream()
			.flatMap((thread) -> thread.join().stream())
			.map(CompletableFuture::join)
			.sorted(Comparator.comparingLong(Appended::lsn))
			.toList();

		assertThat(byLsn).hasSize(120);
		assertThat(byLsn).extracting(Appended::batch).as("a later lsn never commits in an earlier batch").isSorted();
		assertThat(byLsn.get(0).lsn()).isEqualTo(1);
		assertThat(byLsn.get(byLsn.size() - 1).lsn()).isEqualTo(120);
	}

	@Test
	void submitsFromOneThreadGetIncreasingLsnsInSubmitOrder() {
		List<CompletableFuture<WalEntry>> appends = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			appends.add(append("k" + i));
		}

		List<Long> lsns = appends.stream().map(CompletableFuture::join).map(WalEntry::lsn).toList();

		assertThat(lsns).isSorted().doesNotHaveDuplicates();
		assertThat(this.database.wal.page(null, 0, 100)).extracting(WalEntry::lsn).isEqualTo(lsns);
	}

	@Test
	void workOnTheWriterThreadThatExecutesMoreWorkRunsItInline() {
		WalEntry inner = this.database.groupCommit.execute(() -> this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("nested", "v"))));

		assertThat(this.database.wal.find(inner.opId())).isPresent();
	}

	@Test
	void aUnitThatThrowsAnErrorFailsAloneAndTheWriterGoesOn() throws Exception {
		CompletableFuture<WalEntry> broken = this.database.groupCommit.submit(() -> {
			this.database.wal.append(WalDatabase.clientWrite("broken", "v"));
			throw new StackOverflowError("a unit that recursed too deep");
		});

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> broken.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(StackOverflowError.class);
		WalEntry after = append("after").get(30, TimeUnit.SECONDS);
		assertThat(after.key()).isEqualTo("after");
		assertThat(this.database.wal.page(null, 0, 10)).extracting(WalEntry::key).containsExactly("after");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.database.groupCommit.execute(() -> {
				throw new AssertionError("an Error through execute()");
			}))
			.withMessageContaining("nothing of it was written");
		assertThat(this.database.workers.register("group-commit", true).state()).isEqualTo(Worker.State.RUNNING);
	}

	@Test
	void afterCommitRunsOnTheWritersThreadOnceTheUnitCommittedAndNeverForAFailedUnit() {
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		long before = this.database.groupCommit.committedBatches();
		WalEntry written = this.database.groupCommit.execute(() -> {
			seen.add("work on " + Thread.currentThread().getName());
			return this.database.wal.append(WalDatabase.clientWrite("after", "v"));
		}, () -> seen.add("afterCommit on " + Thread.currentThread().getName() + " after "
				+ (this.database.groupCommit.committedBatches() - before) + " commit"));

		assertThat(written.key()).isEqualTo("after");
		assertThat(seen).hasSize(2);
		String writer = seen.get(0).substring("work on ".length());
		assertThat(writer).isNotEqualTo(Thread.currentThread().getName());
		assertThat(seen.get(1)).isEqualTo("afterCommit on " + writer + " after 1 commit");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.database.groupCommit.execute(() -> {
				throw new AssertionError("an Error through execute(work, afterCommit)");
			}, () -> seen.add("after a failed unit")))
			.withMessageContaining("nothing of it was written");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.database.groupCommit.execute(() -> {
				throw new IllegalArgumentException("the unit's own exception");
			}, () -> seen.add("after a failed unit")));
		assertThat(seen).as("nothing runs after a failed unit").hasSize(2);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.database.groupCommit
				.execute(() -> this.database.groupCommit.execute(() -> "inner", () -> seen.add("inner"))))
			.withMessageContaining("unit of its own");
	}

	@Test
	void workSubmittedWhileTheWriterStopsFailsAtOnceInsteadOfWaitingForEver() throws Exception {
		CompletableFuture<Object> holder = holdTheWriter();
		CompletableFuture<WalEntry> queued = append("queued");
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.database.groupCommit::stop);
		await().atMost(30, TimeUnit.SECONDS).until(() -> !this.database.groupCommit.isRunning());

		CompletableFuture<WalEntry> late = CompletableFuture.supplyAsync(() -> this.database.groupCommit
			.execute(() -> this.database.wal.append(WalDatabase.clientWrite("late", "v"))));

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> late.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(WriterUnavailableException.class);
		this.release.countDown();
		holder.get(30, TimeUnit.SECONDS);
		assertThat(queued.get(30, TimeUnit.SECONDS).key()).as("work queued before the stop still commits")
			.isEqualTo("queued");
		stopping.get(30, TimeUnit.SECONDS);
		assertThat(this.database.workers.register("group-commit", true).state()).isEqualTo(Worker.State.STOPPED);
	}

	@Test
	void anAppendOutsideATransactionIsRefused() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.database.wal.append(WalDatabase.clientWrite("k", "v")))
			.withMessageContaining("outside a transaction");
	}

	private CompletableFuture<WalEntry> append(String key) {
		return this.database.groupCommit.submit(() -> this.database.wal.append(WalDatabase.clientWrite(key, "v")));
	}

	/**
	 * Submits a unit that occupies the writer until {@link #release} opens; returns once
	 * it runs.
	 */
	private CompletableFuture<Object> holdTheWriter() {
		CompletableFuture<Object> holder = this.database.groupCommit.submit(() -> {
			this.writerHeld.countDown();
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		});
		try {
			assertThat(this.writerHeld.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		return holder;
	}

}
