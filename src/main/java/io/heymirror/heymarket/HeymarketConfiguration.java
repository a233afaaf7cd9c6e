package io.heymirror.heymarket;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Assembles the client: credentials, the request budget (shared through PostgreSQL when a
 * DataSource exists and {@code shared-budget} is on), retries, metrics, and a WebClient
 * from Boot's builder with the configured timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ HeymarketProperties.class, AccountsProperties.class })
class HeymarketConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HeymarketConfiguration.class);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Bean
	UpstreamExchange heymarketExchange(HeymarketProperties settings, ObjectProvider<WebClient.Builder> builder,
			ObjectProvider<DataSource> dataSource, ObjectProvider<MeterRegistry> registry,
			ObjectProvider<Clock> clock) {
		return exchange(Account.DEFAULT, settings, builder, dataSource, registry, clock);
	}

	/** The client of the account {@code default}. */
	@Bean
	HeymarketClient heymarketClient(UpstreamExchange heymarketExchange) {
		return new HeymarketClient(heymarketExchange, JsonMapper.builder().build());
	}

	@Bean
	HeymarketAccounts heymarketAccounts(HeymarketProperties settings, AccountsProperties declared,
			HeymarketClient heymarketClient, Environment environment, ObjectProvider<WebClient.Builder> builder,
			ObjectProvider<DataSource> dataSource, ObjectProvider<MeterRegistry> registry,
			ObjectProvider<Clock> clock) {
		AccountsSetup.refuseUnknownSettings(environment);
		HeymarketAccounts accounts = AccountsSetup.accounts(settings, declared, heymarketClient,
				(name, account) -> new HeymarketClient(exchange(name, account, builder, dataSource, registry, clock),
						JsonMapper.builder().build()));
		log.info("Heymarket accounts: {}", accounts.names());
		return accounts;
	}

	private static UpstreamExchange exchange(String account, HeymarketProperties settings,
			ObjectProvider<WebClient.Builder> builder, ObjectProvider<DataSource> dataSource,
			ObjectProvider<MeterRegistry> registry, ObjectProvider<Clock> clock) {
		Clock time = clock.getIfAvailable(Clock::systemUTC);
		UpstreamAuth auth = UpstreamAuth.from(settings, time);
		RateBudget budget = budget(settings, auth, dataSource.getIfAvailable());
		log.info("Heymarket client of account {} for {}: {}, request budget {}", account, settings.baseUrl(),
				scheme(auth), budget);
		return exchange(account, settings, builder.getIfAvailable(WebClient::builder), auth, budget,
				registry.getIfAvailable(SimpleMeterRegistry::new), time);
	}

	/**
	 * Masks the credentials and the accounts' webhook tokens in actuator's {@code /env}
	 * and {@code /configprops} even when an operator sets {@code show-values: always}.
	 */
	@Bean
	SanitizingFunction heymarketCredentialsSanitizer() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(HeymarketConfiguration::isCredentialKey);
	}

	static boolean isCredentialKey(String key) {
		String flat = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return flat.endsWith("apikey") || flat.endsWith("secretkey") || flat.endsWith("secretid")
				|| flat.endsWith("webhooktoken");
	}

	/**
	 * The exchange around a given budget; tests use it to build clients without Spring.
	 */
	static UpstreamExchange exchange(String account, HeymarketProperties settings, WebClient.Builder builder,
			UpstreamAuth auth, RateBudget budget, MeterRegistry registry, Clock clock) {
		UpstreamMetrics metrics = new UpstreamMetrics(registry, account);
		RetryPolicy retry = new RetryPolicy(settings.retry(), clock, metrics,
				() -> ThreadLocalRandom.current().nextDouble());
		return new UpstreamExchange(new UpstreamHttp(settings, builder), auth, budget, retry, metrics);
	}

	private static RateBudget budget(HeymarketProperties settings, UpstreamAuth auth, DataSource dataSource) {
		if (settings.sharedBudget() && auth.configured()) {
			if (dataSource != null) {
				return RateBudget.shared(dataSource, auth.budgetIdentity(), settings.requestsPerMinute(), MINUTE);
			}
			log.warn("heymirror.heymarket.shared-budget is on but there is no DataSource: "
					+ "the request budget is this process's alone");
		}
		return RateBudget.local(settings.requestsPerMinute(), MINUTE);
	}

	private static String scheme(UpstreamAuth auth) {
		return switch (auth) {
			case ApiKeyAuth key -> "API key";
			case JwtAuth jwt -> "API secret (JWT)";
			case UpstreamAuth.None none -> "no credentials";
		};
	}

}
