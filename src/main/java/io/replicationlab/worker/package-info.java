/**
 * The replica's background loops as the {@code workers} health component sees them: each
 * loop (the single writer, the total-order relay, consumer and link, the reconcile pull
 * and push) reports here whether it runs, how many units of work failed and why the last
 * did, and whether it has stopped for good. Every loop runs as a
 * {@link io.replicationlab.worker.WorkerLoop}, which catches every {@code Throwable} of a
 * unit, so that one bad unit fails alone and the loop goes on, and waits with a capped
 * exponential {@link io.replicationlab.worker.Backoff} where a loop retries. Depends on
 * nothing else of the replica, so that every module may use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Worker loops and their health", allowedDependencies = {})
package io.replicationlab.worker;
