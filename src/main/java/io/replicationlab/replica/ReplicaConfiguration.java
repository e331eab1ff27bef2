package io.replicationlab.replica;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock domain logic reads time from, so that tests can fix it. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
