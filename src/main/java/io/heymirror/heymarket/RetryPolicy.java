package io.heymirror.heymarket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When to try a failed call again. Exponential backoff from {@code min-backoff}, doubling
 * up to {@code max-backoff}, with +-50% jitter so that replicas hit by the same outage do
 * not retry in step; a {@code Retry-After} header (seconds or an HTTP date) replaces the
 * backoff. A call gives up after {@code max-attempts} attempts, or when the next wait
 * would take it past {@code max-duration}. Only {@link AttemptFailure}s are retried;
 * anything else ends the call at once.
 */
final class RetryPolicy {

	private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

	private static final double JITTER = 0.5;

	private final HeymarketProperties.Retry settings;

	private final Clock clock;

	private final UpstreamMetrics metrics;

	private final DoubleSupplier random;

	RetryPolicy(HeymarketProperties.Retry settings, Clock clock, UpstreamMetrics metrics, DoubleSupplier random) {
		this.settings = settings;
		this.clock = clock;
		this.metrics = metrics;
		this.random = random;
	}

	/** The Reactor retry strategy of one call. */
	Retry retry(Attempts attempts) {
		return Retry.from((signals) -> signals.concatMap((signal) -> next(signal.failure(), attempts)));
	}

	private Mono<Long> next(Throwable failure, Attempts attempts) {
		if (!(failure instanceof AttemptFailure attempt)) {
			return Mono.error(failure);
		}
		Endpoint endpoint = attempts.endpoint();
		int made = attempts.made();
		Duration delay = delay(attempt, made);
		String limit = null;
		if (made >= this.settings.maxAttempts()) {
			limit = "retry.max-attempts is " + this.settings.maxAttempts();
		}
		else if (attempts.elapsed().plus(delay).compareTo(this.settings.maxDuration()) > 0) {
			limit = "waiting " + millis(delay) + " more would pass retry.max-duration of "
					+ this.settings.maxDuration();
		}
		if (limit != null) {
			log.warn("Heymarket {}: {} (X-Request-Id {}), attempt {}; giving up", endpoint.label(),
					attempt.getMessage(), UpstreamExchange.orNone(attempt.requestId()), made);
			String message = "Heymarket " + endpoint.label() + " failed after " + made + " attempt(s) in "
					+ millis(attempts.elapsed()) + ": last " + attempt.getMessage() + ", X-Request-Id "
					+ UpstreamExchange.orNone(attempt.requestId()) + " (" + limit + ")";
			return Mono.error(
					new HeymarketException(message, endpoint.label(), attempt.status(), attempt.requestId(), attempt));
		}
		log.warn("Heymarket {}: {} (X-Request-Id {}), attempt {} of {}; retrying in {}", endpoint.label(),
				attempt.getMessage(), UpstreamExchange.orNone(attempt.requestId()), made, this.settings.maxAttempts(),
				millis(delay));
		this.metrics.retry(endpoint);
		return Mono.delay(delay);
	}

	/** The wait before the next attempt, after {@code made} attempts failed. */
	Duration delay(AttemptFailure failure, int made) {
		if (failure.immediate()) {
			return Duration.ZERO;
		}
		Duration retryAfter = retryAfter(failure.retryAfter(), this.clock.instant());
		return (retryAfter != null) ? retryAfter : backoff(made);
	}

	/** Exponential backoff with jitter before retry number {@code retry} (from 1). */
	Duration backoff(int retry) {
		double min = this.settings.minBackoff().toNanos();
		double max = this.settings.maxBackoff().toNanos();
		double base = Math.min(max, min * Math.pow(2, Math.max(0, retry - 1)));
		double jittered = base + base * JITTER * (2 * this.random.getAsDouble() - 1);
		return Duration.ofNanos((long) Math.max(min, Math.min(max, jittered)));
	}

	/**
	 * {@code Retry-After} as delta-seconds or an HTTP date (RFC 9110); null when absent
	 * or unreadable, so the backoff applies.
	 */
	static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.strip();
		if (value.chars().allMatch(Character::isDigit)) {
			return (value.length() <= 9) ? Duration.ofSeconds(Long.parseLong(value)) : null;
		}
		try {
			Duration until = Duration.between(now,
					ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
