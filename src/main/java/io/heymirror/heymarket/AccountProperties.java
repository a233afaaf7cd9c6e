package io.heymirror.heymarket;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One further Heymarket account, {@code heymirror.accounts.<name>.*}. A setting left
 * unset takes the value of the single-account setting of the same name
 * ({@code heymirror.heymarket.*}, {@code heymirror.sync.*}); the credentials never do.
 *
 * @param baseUrl Heymarket API base URL (unset: {@code heymirror.heymarket.base-url}).
 * @param apiKey the account's legacy team API key; set this or secret-id + secret-key.
 * @param secretId the account's API secret id, with secret-key.
 * @param secretKey the account's API secret key, with secret-id.
 * @param webhookToken the verification token of the account's Heymarket webhook; every
 * delivery to {@code POST /webhooks/heymarket/<name>} must carry it. Unset: that route is
 * off (404).
 * @param requestsPerMinute most requests sent for this credential in any 60-second window
 * (unset: {@code heymirror.heymarket.requests-per-minute}).
 * @param sync the account's own sync schedule.
 * @param apiKeys caller keys that read this account only: read scope, and every route
 * serves them this account's contacts. Each is the key itself or {@code sha256:<hex>} of
 * it, as {@code heymirror.api.read-keys}; a key may be configured only once.
 */
public record AccountProperties(@Nullable URI baseUrl, @Nullable String apiKey, @Nullable String secretId,
		@Nullable String secretKey, @Nullable String webhookToken, @Nullable @Positive Integer requestsPerMinute,
		@DefaultValue @Valid @NotNull Sync sync, @DefaultValue List<@NotBlank String> apiKeys) {

	public AccountProperties {
		apiKey = blankToNull(apiKey);
		secretId = blankToNull(secretId);
		secretKey = blankToNull(secretKey);
		webhookToken = blankToNull(webhookToken);
		apiKeys = List.copyOf(apiKeys);
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		// credentials, the webhook token and caller keys must never reach a log line
		return "AccountProperties[baseUrl=" + this.baseUrl + ", credentials="
				+ ((this.apiKey != null || this.secretId != null) ? "******" : "<unset>") + ", requestsPerMinute="
				+ this.requestsPerMinute + ", sync=" + this.sync + "]";
	}

	/**
	 * The account's own sync schedule; each unset value is that of
	 * {@code heymirror.sync.*}.
	 *
	 * @param interval pause between the end of one run and the start of the next.
	 * @param strategy {@code v1-cursor} or {@code v2-keyset}.
	 * @param reconcileInterval how often a run is a full reconciliation.
	 */
	public record Sync(@Nullable Duration interval, @Nullable @Pattern(regexp = "v1-cursor|v2-keyset",
			message = "must be v1-cursor or v2-keyset") String strategy, @Nullable Duration reconcileInterval) {

	}

}
