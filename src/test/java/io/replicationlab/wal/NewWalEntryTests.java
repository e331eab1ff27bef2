package io.replicationlab.wal;

import java.time.Instant;
import java.util.UUID;

import io.replicationlab.replica.Mode;
import io.replicationlab.vclock.Dot;
import io.replicationlab.vclock.VersionVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The factories build each mode's row; the constructor refuses the rows no mode writes.
 */
class NewWalEntryTests {

	private static final UUID OP = UUID.randomUUID();

	private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");

	@Test
	void eachFactoryBuildsItsModesRow() {
		assertThat(NewWalEntry.local(OP, "r1", "k", "v", NOW))
			.isEqualTo(new NewWalEntry(OP, Mode.LOCAL, "r1", Source.CLIENT, "k", "v", 0, NOW, null, null, null));
		assertThat(NewWalEntry.totalOrder(OP, "r1", "k", null, NOW))
			.isEqualTo(new NewWalEntry(OP, Mode.TOTAL_ORDER, "r1", Source.CLIENT, "k", null, 0, NOW, null, null, null));
		assertThat(NewWalEntry.fromKafka(OP, "r2", "k", "v", 7, NOW, 42))
			.isEqualTo(new NewWalEntry(OP, Mode.TOTAL_ORDER, "r2", Source.KAFKA, "k", "v", 7, NOW, 42L, null, null));
		Dot dot = new Dot("r2", 3);
		VersionVector context = VersionVector.parse("r1:1,r2:2");
		assertThat(NewWalEntry.reconcile(OP, "r1", "k", "v", NOW).withDot(dot, context))
			.isEqualTo(new NewWalEntry(OP, Mode.RECONCILE, "r1", Source.CLIENT, "k", "v", 0, NOW, null, dot, context));
		assertThat(NewWalEntry.fromPeer(OP, "r2", "k", "v", 5, NOW, dot, context))
			.isEqualTo(new NewWalEntry(OP, Mode.RECONCILE, "r2", Source.PEER, "k", "v", 5, NOW, null, dot, context));
	}

	@Test
	void refusesRowsNoModeWrites() {
		Dot dot = new Dot("r2", 3);
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new NewWalEntry(OP, Mode.RECONCILE, "r2", Source.CLIENT, "k", "v", 0, NOW, null, dot, null))
			.withMessageContaining("a dot comes with its context");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new NewWalEntry(OP, Mode.TOTAL_ORDER, "r2", Source.KAFKA, "k", "v", 1, NOW, null, null, null))
			.withMessageContaining("from Kafka");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NewWalEntry(OP, Mode.LOCAL, "r2", Source.KAFKA, "k", "v", 1, NOW, 3L, null, null))
			.withMessageContaining("from Kafka");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new NewWalEntry(OP, Mode.RECONCILE, "r2", Source.PEER, "k", "v", 1, NOW, null, null, null))
			.withMessageContaining("from a peer");
	}

}
