package io.replicationlab.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this replica observes the others.
 *
 * @param connectTimeout how long to wait for a replica to accept a connection before
 * calling it unreachable
 * @param readTimeout how long to wait for one answer (one page of a log)
 * @param healthCacheTtl how long the {@code replication} health component and the
 * divergence gauge reuse their last comparison with the peers before asking them again
 * @param quiesceStillness how long every replica's position must stand still before
 * {@code ?quiesce=} calls the cluster settled
 * @param quiescePoll how often {@code ?quiesce=} polls the replicas
 * @param maxOpLookups total-order: at most this many ops per replica are looked up at
 * their origin to learn whether they were ordered (no-loss); past it the verdict is
 * {@code unknown}, never a silent pass
 */
@ConfigurationProperties("cluster")
record ClusterProperties(@DefaultValue("500ms") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout,
		@DefaultValue("5s") Duration healthCacheTtl, @DefaultValue("2s") Duration quiesceStillness,
		@DefaultValue("250ms") Duration quiescePoll, @DefaultValue("2000") int maxOpLookups) {
}
