package io.replicationlab.totalorder;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Writes waiting for their op to be ordered or applied, signalled by the relay (broker
 * acknowledgement) and the consumer (apply) right after the commit that recorded it. A
 * waiter registers before its op can possibly be ordered and then checks the database, so
 * no signal is lost; signals for ops nobody waits for cost a map lookup.
 */
@Component
class Waiters {

	/** One waiting write: each future completes with the op's offset. */
	record Waiter(UUID opId, CompletableFuture<Long> ordered, CompletableFuture<Long> applied) {
	}

	private final Map<UUID, Waiter> waiting = new ConcurrentHashMap<>();

	Waiter register(UUID opId) {
		return this.waiting.computeIfAbsent(opId,
				(id) -> new Waiter(id, new CompletableFuture<>(), new CompletableFuture<>()));
	}

	void forget(Waiter waiter) {
		this.waiting.remove(waiter.opId(), waiter);
	}

	void ordered(UUID opId, long offset) {
		Waiter waiter = this.waiting.get(opId);
		if (waiter != null) {
			waiter.ordered().complete(offset);
		}
	}

	void applied(UUID opId, long offset) {
		Waiter waiter = this.waiting.get(opId);
		if (waiter != null) {
			waiter.ordered().complete(offset);
			waiter.applied().complete(offset);
		}
	}

}
