package io.replicationlab.replica;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The one clock domain logic reads time from, so that tests can fix it; and the
 * {@code replica} tag on every meter, so that one Prometheus scraping several replicas
 * (or one dashboard over them) tells them apart without relabeling.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

	@Bean
	@Primary
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	MeterFilter replicaTag(ReplicaProperties replica) {
		return MeterFilter.commonTags(List.of(Tag.of("replica", replica.id())));
	}

	@Bean
	SkewableClock acceptClock(Clock clock) {
		return new SkewableClock(clock);
	}

}
