package io.heymirror;

import java.io.IOException;
import java.time.Instant;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.support.TestDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The demo: {@code ./mvnw spring-boot:test-run}. Heymirror against an embedded PostgreSQL
 * and, unless Heymarket credentials are configured ({@code HEYMARKET_API_KEY}, or
 * {@code HEYMARKET_SECRET_ID} and {@code HEYMARKET_SECRET_KEY}), the Heymarket simulator
 * with 20,000 contacts and light churn.
 */
public class TestHeymirrorApplication {

	public static void main(String[] args) {
		SpringApplication.from(HeymirrorApplication::main)
			.with(DemoConfiguration.class, MainSourcesOnly.class)
			.withAdditionalProfiles("demo")
			.run(args);
	}

	/**
	 * Keeps the demo to the application's own beans. Its component scan of
	 * {@code io.heymirror} also sees the test sources on the test class path, and none of
	 * them may become a bean of the demo by accident; what the demo needs it adds
	 * explicitly ({@link DemoConfiguration}). Tests have Boot's own filter for this.
	 */
	static final class MainSourcesOnly extends TypeExcludeFilter {

		private final String testClasses = TestHeymirrorApplication.class.getProtectionDomain()
			.getCodeSource()
			.getLocation()
			.toString();

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().startsWith(this.testClasses);
		}

		@Override
		public boolean equals(Object other) {
			return other != null && getClass() == other.getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DemoConfiguration {

		private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

		static final String SIMULATOR_KEY = "demo-simulator-key";

		@Bean
		DynamicPropertyRegistrar embeddedDatabase() {
			return (registry) -> {
				TestDatabase.Coordinates db = TestDatabase.coordinates();
				registry.add("spring.datasource.url", db::url);
				registry.add("spring.datasource.username", db::username);
				registry.add("spring.datasource.password", db::password);
			};
		}

		@Bean
		DynamicPropertyRegistrar upstream(Environment environment) {
			return (registry) -> {
				if (realHeymarketConfigured(environment)) {
					// real contacts: callers need keys (HEYMIRROR_API_KEYS), as in
					// production
					log.info("Heymarket credentials found in the environment: mirroring the real Heymarket; "
							+ "open mode is off, so set HEYMIRROR_API_KEYS");
					registry.add("heymirror.api.open", () -> "false");
					return;
				}
				HeymarketSimulator simulator = HeymarketSimulator.builder()
					.apiKey(SIMULATOR_KEY)
					.contacts(20_000)
					.seed(2026)
					.generatedUntil(Instant.now())
					.settings((settings) -> settings.requestsPerMinute(6000).churn(0.2, 1, 0.05, 0.1))
					.build()
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
				log.info("Heymarket simulator with 20,000 contacts and light churn at {} (admin: {}/__admin/stats)",
						simulator.baseUrl(), simulator.baseUrl());
				registry.add("heymirror.heymarket.base-url", simulator::baseUrl);
				registry.add("heymirror.heymarket.api-key", () -> SIMULATOR_KEY);
				// the simulator allows 6,000 a minute; stay just under it
				registry.add("heymirror.heymarket.requests-per-minute", () -> "5800");
			};
		}

		private static boolean realHeymarketConfigured(Environment environment) {
			return hasText(environment, "api-key")
					|| (hasText(environment, "secret-id") && hasText(environment, "secret-key"));
		}

		private static boolean hasText(Environment environment, String credential) {
			String value = environment.getProperty("heymirror.heymarket." + credential);
			return value != null && !value.isBlank();
		}

	}

}
