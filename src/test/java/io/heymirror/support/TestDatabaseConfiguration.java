package io.heymirror.support;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The tests' upstream (the shared {@link TestUpstream} simulator) and where their
 * PostgreSQL comes from. Default: the shared {@link TestDatabase} (embedded, or an
 * existing server named by {@code HEYMIRROR_TEST_DB_URL}). With
 * {@code -Dheymirror.test.db=testcontainers} and a Docker engine: a Testcontainers
 * {@code postgres} container wired by {@code @ServiceConnection}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

	@Bean
	@ConditionalOnProperty(name = "heymirror.test.db", havingValue = "testcontainers")
	@ServiceConnection
	PostgreSQLContainer postgresContainer() {
		return new PostgreSQLContainer("postgres:17-alpine");
	}

	@Bean
	@ConditionalOnProperty(name = "heymirror.test.db", havingValue = "embedded", matchIfMissing = true)
	DynamicPropertyRegistrar sharedTestDatabase() {
		return (registry) -> {
			TestDatabase.Coordinates db = TestDatabase.coordinates();
			registry.add("spring.datasource.url", db::url);
			registry.add("spring.datasource.username", db::username);
			registry.add("spring.datasource.password", db::password);
		};
	}

	@Bean
	DynamicPropertyRegistrar testUpstream() {
		return (registry) -> {
			registry.add("heymirror.heymarket.base-url", TestUpstream::baseUrl);
			registry.add("heymirror.heymarket.api-key", () -> TestUpstream.API_KEY);
		};
	}

}
