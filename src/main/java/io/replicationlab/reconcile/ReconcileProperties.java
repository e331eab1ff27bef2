package io.replicationlab.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the {@code reconcile} mode exchanges and merges writes.
 *
 * @param pullInterval how often this replica pulls missing ops from each reachable peer
 * ({@code RECONCILE_PULL_INTERVAL}, default 500ms)
 * @param conflictPolicy {@code multi-value} (keep concurrent writes as siblings) or
 * {@code lww} (last writer wins) ({@code RECONCILE_CONFLICT_POLICY})
 * @param pageSize how many ops one delta response carries at most
 * ({@code RECONCILE_PAGE_SIZE})
 * @param push whether a fresh write is also pushed to reachable peers at once
 * ({@code RECONCILE_PUSH}); pull remains the safety net
 * @param pageBytes how many bytes of ops one delta page or push carries at most
 * ({@code RECONCILE_PAGE_BYTES}, default 1MB), besides {@code pageSize}: a page always
 * carries at least one op, so one op of the largest value (64 KiB, up to six times that
 * as escaped JSON) may exceed it alone; {@code more} says that more follows
 */
@ConfigurationProperties("reconcile")
record ReconcileProperties(@DefaultValue("500ms") Duration pullInterval,
		@DefaultValue("multi-value") ConflictPolicy conflictPolicy, @DefaultValue("500") int pageSize,
		@DefaultValue("true") boolean push, @DefaultValue("1MB") DataSize pageBytes) {

	public static final int MAX_PAGE_SIZE = 1000;

	public ReconcileProperties {
		if (pageBytes.toBytes() < 1) {
			throw new IllegalArgumentException("reconcile.page-bytes must be positive, not " + pageBytes);
		}
		if (pullInterval.isNegative() || pullInterval.isZero()) {
			throw new IllegalArgumentException("reconcile.pull-interval must be positive, not " + pullInterval);
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"reconcile.page-size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
		}
	}

}
