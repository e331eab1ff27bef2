package io.replicationlab.reconcile;

import java.util.List;

/**
 * A page of reconcile ops one replica ships to another: the answer to
 * {@code GET /internal/reconcile/deltas}, and the body of a push
 * ({@code POST /internal/reconcile/deltas}).
 *
 * @param replica the sending replica
 * @param since the vector the requester said it has (a push: empty)
 * @param vector the sender's version vector when it answered
 * @param ops the ops {@code since} lacks, in per-origin counter order (origins sorted by
 * id)
 * @param more whether the sender holds more ops {@code since} lacks than this page
 * carries
 */
record DeltaBatch(String replica, String since, String vector, List<DeltaOp> ops, boolean more) {
}
