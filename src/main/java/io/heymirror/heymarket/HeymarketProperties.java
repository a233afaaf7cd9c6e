package io.heymirror.heymarket;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Heymarket client. Credentials are optional here: whether they are
 * required is the sync's decision, which {@link HeymarketClient#isConfigured()} informs.
 * Blank credentials count as absent, so {@code HEYMARKET_API_KEY=} unsets the key.
 *
 * @param baseUrl Heymarket API base URL, absolute http or https.
 * @param apiKey legacy team API key, sent as {@code Authorization: Bearer <key>}.
 * @param secretId API secret id; with secret-key, requests carry an HS256 JWT instead of
 * the API key.
 * @param secretKey API secret key, paired with secret-id.
 * @param requestsPerMinute most requests sent in any 60-second window, retries included
 * (Heymarket allows 500 per key).
 * @param sharedBudget whether the request budget is shared through PostgreSQL by every
 * replica using the same credential (false: each process keeps its own budget).
 * @param connectTimeout TCP connect timeout.
 * @param readTimeout longest wait for the response, and between reads of its body.
 * @param retry retries of failed requests (429, 5xx, timeouts, resets, truncated bodies).
 */
@ConfigurationProperties("heymirror.heymarket")
@Validated
@ConsistentSettings
public record HeymarketProperties(@DefaultValue("https://api.heymarket.com") @NotNull URI baseUrl,
		@Nullable String apiKey, @Nullable String secretId, @Nullable String secretKey,
		@DefaultValue("450") @Positive int requestsPerMinute, @DefaultValue("true") boolean sharedBudget,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
		@DefaultValue @NotNull @Valid Retry retry) {

	public HeymarketProperties {
		apiKey = blankToNull(apiKey);
		secretId = blankToNull(secretId);
		secretKey = blankToNull(secretKey);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		// credentials must never reach a log line: say only whether they are set
		return "HeymarketProperties[baseUrl=" + this.baseUrl + ", apiKey=" + masked(this.apiKey) + ", secretId="
				+ masked(this.secretId) + ", secretKey=" + masked(this.secretKey) + ", requestsPerMinute="
				+ this.requestsPerMinute + ", sharedBudget=" + this.sharedBudget + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", retry=" + this.retry + "]";
	}

	private static String masked(@Nullable String value) {
		return (value != null) ? "******" : "<unset>";
	}

	/**
	 * Retries of one call.
	 *
	 * @param maxAttempts most attempts per call, the first included.
	 * @param minBackoff wait before the first retry; later waits double, with jitter.
	 * @param maxBackoff longest wait between two attempts (a {@code Retry-After} may ask
	 * for longer).
	 * @param maxDuration longest time one call may spend retrying before it fails.
	 */
	public record Retry(@DefaultValue("6") @Min(1) @Max(100) int maxAttempts,
			@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration minBackoff,
			@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
			@DefaultValue("3m") @NotNull @DurationMin(millis = 1) Duration maxDuration) {
	}

}
