package io.heymirror.api.errors;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Errors answered outside the application's handlers become problem details too: Tomcat's
 * own (its error report valve) and error statuses set without a body.
 */
@Configuration(proxyBeanMethods = false)
class ErrorsConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorValve() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorValve.class.getName());
			}
		});
	}

	@Bean
	FilterRegistrationBean<ProblemForEmptyErrorsFilter> problemForEmptyErrors() {
		FilterRegistrationBean<ProblemForEmptyErrorsFilter> registration = new FilterRegistrationBean<>(
				new ProblemForEmptyErrorsFilter());
		// outermost, so that it sees the final status of every other filter and route
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
