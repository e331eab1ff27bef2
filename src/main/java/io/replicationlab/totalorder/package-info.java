/**
 * The {@code total-order} mode: total order broadcast through one single-partition Kafka
 * topic.
 * <p>
 * It owns the topic (created at start when absent; a topic with more than one partition
 * is refused, because only one partition has one order), the outbox of ops accepted here
 * and not yet acknowledged by the broker, the relay that publishes them in WAL order with
 * an idempotent producer, the consumer that applies the partition in offset order on
 * every replica (the origin too) and stores its position in the same transaction as the
 * applies, the waits behind {@code ?await=durable|ordered|applied}, and the {@code kafka}
 * health indicator. Its bookkeeping tables ({@code total_order_*}) come from migration
 * {@code V2}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Total order",
		allowedDependencies = { "mode", "peers", "replica", "state", "system", "tracing", "wal", "worker" })
package io.replicationlab.totalorder;
