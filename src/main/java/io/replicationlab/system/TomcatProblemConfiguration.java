package io.replicationlab.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat's own refusals as problem details (see {@link ProblemErrorReportValve}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
class TomcatProblemConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
		return ProblemErrorReportValve.installer();
	}

}
