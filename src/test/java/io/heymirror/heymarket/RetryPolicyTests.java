package io.heymirror.heymarket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits between attempts, computed without waiting. */
class RetryPolicyTests {

	private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

	private static final HeymarketProperties.Retry SETTINGS = new HeymarketProperties.Retry(6, Duration.ofMillis(500),
			Duration.ofSeconds(30), Duration.ofMinutes(3));

	@ParameterizedTest
	@CsvSource({ "1, 0.5, 500", "2, 0.5, 1000", "3, 0.5, 2000", "7, 0.5, 30000", "20, 0.5, 30000", "1, 0.0, 500",
			"1, 1.0, 750", "3, 0.0, 1000", "3, 1.0, 3000", "7, 0.0, 15000", "7, 1.0, 30000" })
	void backsOffExponentiallyWithJitterWithinTheBounds(int retry, double random, long expectedMillis) {
		assertThat(policy(random).backoff(retry)).isEqualTo(Duration.ofMillis(expectedMillis));
	}

	@Test
	void retryAfterReplacesTheBackoff() {
		AttemptFailure throttled = new AttemptFailure(AttemptFailure.Kind.STATUS, 429, "r", "120", null);

		assertThat(policy(0.5).delay(throttled, 1)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void aRenewedTokenIsRetriedAtOnce() {
		AttemptFailure renewed = new AttemptFailure(AttemptFailure.Kind.TOKEN_RENEWED, 401, "r", "60", null);

		assertThat(policy(0.5).delay(renewed, 1)).isZero();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0|0", "7|7000", " 30 |30000", "Sat, 01 Jun 2024 12:00:45 GMT|45000",
			"Sat, 01 Jun 2024 11:59:00 GMT|0" })
	void readsRetryAfterAsSecondsOrAnHttpDate(String header, long expectedMillis) {
		assertThat(RetryPolicy.retryAfter(header, NOW)).isEqualTo(Duration.ofMillis(expectedMillis));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "soon", "-5", "1.5", "99999999999999" })
	void ignoresARetryAfterItCannotRead(String header) {
		assertThat(RetryPolicy.retryAfter(header, NOW)).isNull();
	}

	private static RetryPolicy policy(double random) {
		return new RetryPolicy(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC),
				new UpstreamMetrics(new SimpleMeterRegistry(), Account.DEFAULT), () -> random);
	}

}
