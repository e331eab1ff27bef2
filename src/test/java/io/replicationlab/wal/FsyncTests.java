package io.replicationlab.wal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code replica.fsync=true}: the writer forces the database file to disk once per group
 * commit, with the owner's {@code CHECKPOINT SYNC} against the real H2 file, and
 * acknowledges none of the group's writes before that.
 */
class FsyncTests {

	@TempDir
	Path dir;

	@Test
	void everyGroupIsForcedToDiskOnceBeforeAnyOfItsWritesIsAcknowledged() throws InterruptedException {
		List<CompletableFuture<WalEntry>> queued = new ArrayList<>();
		List<Long> acknowledgedAtSync = new ArrayList<>();
		int[] syncs = { 0 };
		CountDownLatch writerHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (WalDatabase database = new WalDatabase(this.dir, (owner) -> () -> {
			owner.sync();
			syncs[0]++;
			synchronized (queued) {
				acknowledgedAtSync.add(queued.stream().filter(CompletableFuture::isDone).count());
			}
		})) {
			CompletableFuture<Object> holder = database.groupCommit.submit(() -> {
				writerHeld.countDown();
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return null;
			});
			assertThat(writerHeld.await(30, TimeUnit.SECONDS)).isTrue();
			synchronized (queued) {
				for (int i = 0; i < 5; i++) {
					String key = "k" + i;
					queued
						.add(database.groupCommit.submit(() -> database.wal.append(WalDatabase.clientWrite(key, "v"))));
				}
			}

			release.countDown();

			holder.join();
			queued.forEach(CompletableFuture::join);
			assertThat(database.groupCommit.committedBatches()).as("the holder alone, then the five together")
				.isEqualTo(2);
			assertThat(syncs[0]).as("one fsync per group").isEqualTo(2);
			assertThat(acknowledgedAtSync).as("writes of the group acknowledged when its fsync ran")
				.containsExactly(0L, 0L);
			assertThat(database.wal.size()).isEqualTo(5);
		}
	}

}
