package io.heymirror.heymarket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * A client built the way {@link HeymarketConfiguration} builds it, without Spring,
 * pointed at a WireMock server. Defaults keep tests fast: a generous local budget and
 * millisecond backoffs.
 */
final class TestClient implements AutoCloseable {

	static final String API_KEY = "test-api-key-0123456789";

	final HeymarketClient client;

	final SimpleMeterRegistry registry;

	private final UpstreamExchange exchange;

	private TestClient(HeymarketClient client, SimpleMeterRegistry registry, UpstreamExchange exchange) {
		this.client = client;
		this.registry = registry;
		this.exchange = exchange;
	}

	static Builder at(String baseUrl) {
		return new Builder(baseUrl);
	}

	/** A fixture under this package's test resources, as text. */
	static String fixture(String name) {
		try (InputStream in = TestClient.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.exchange.close();
	}

	static final class Builder {

		private final String baseUrl;

		private @Nullable String apiKey = API_KEY;

		private @Nullable String secretId;

		private @Nullable String secretKey;

		private HeymarketProperties.Retry retry = retry(6);

		private Duration readTimeout = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private RateBudget budget = RateBudget.local(6000, Duration.ofMinutes(1));

		Builder(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		static HeymarketProperties.Retry retry(int maxAttempts) {
			return new HeymarketProperties.Retry(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(20),
					Duration.ofMinutes(1));
		}

		Builder jwt(String id, String key) {
			this.apiKey = null;
			this.secretId = id;
			this.secretKey = key;
			return this;
		}

		Builder noCredentials() {
			this.apiKey = null;
			return this;
		}

		Builder retry(HeymarketProperties.Retry retry) {
			this.retry = retry;
			return this;
		}

		Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		Builder budget(RateBudget budget) {
			this.budget = budget;
			return this;
		}

		HeymarketProperties settings() {
			return new HeymarketProperties(URI.create(this.baseUrl), this.apiKey, this.secretId, this.secretKey, 6000,
					false, Duration.ofSeconds(2), this.readTimeout, this.retry);
		}

		TestClient build() {
			HeymarketProperties settings = settings();
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			UpstreamExchange exchange = HeymarketConfiguration.exchange(Account.DEFAULT, settings, WebClient.builder(),
					UpstreamAuth.from(settings, this.clock), this.budget, registry, this.clock);
			return new TestClient(new HeymarketClient(exchange, JsonMapper.builder().build()), registry, exchange);
		}

	}

}
