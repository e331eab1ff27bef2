package io.replicationlab.replica;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The one clock domain logic reads time from, so that tests can fix it. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

	@Bean
	@Primary
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SkewableClock acceptClock(Clock clock) {
		return new SkewableClock(clock);
	}

}
