package io.heymirror.api.compatible;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the lenient reader of the compatible routes' bodies ahead of the defaults.
 */
@Configuration(proxyBeanMethods = false)
class CompatibleApiConfiguration implements WebMvcConfigurer {

	private final JsonMapper json;

	CompatibleApiConfiguration(JsonMapper json) {
		this.json = json;
	}

	@Bean
	FilterRegistrationBean<BodiesAsJsonFilter> compatibleBodiesAsJson() {
		FilterRegistrationBean<BodiesAsJsonFilter> registration = new FilterRegistrationBean<>(
				new BodiesAsJsonFilter());
		registration.setUrlPatterns(BodiesAsJsonFilter.PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new CompatibleRequestConverter(this.json));
	}

}
