package io.heymirror.api.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read the mirror, and how much one caller may cost.
 *
 * @param keys full-access API keys, sent as {@code Authorization: Bearer <key>}: every
 * route, including refreshes, sync runs, deleted contacts and the actuator. Each is the
 * key itself or {@code sha256:<hex>} of it. Required unless read keys or account keys
 * ({@code heymirror.accounts.<name>.api-keys}) are given or {@code open} is set: with
 * neither a key nor {@code open} nobody could read the mirror, so start-up stops.
 * @param readKeys read-only API keys: the data routes and the change feed, nothing else.
 * Each is the key itself or {@code sha256:<hex>} of it.
 * @param open serve every route without a key (demos only: the mirror holds personal
 * data); a key that is sent must still be valid. Binds to loopback unless
 * {@code server.address} is set, and start-up logs a warning.
 * @param openWithRealData allow {@code open} with credentials for a Heymarket that is not
 * on this machine, that is with real contacts; without it such a start is refused
 * @param refreshPerMinute most {@code POST /api/contacts/refresh/{id}} calls one key may
 * make per minute (in each replica); beyond it the answer is 429
 * @param queryTimeout longest one SQL statement of the read APIs may run, in whole
 * seconds; a request whose query runs longer is answered 503
 */
@ConfigurationProperties("heymirror.api")
@Validated
public record ApiProperties(@DefaultValue List<@NotBlank String> keys, @DefaultValue List<@NotBlank String> readKeys,
		@DefaultValue("false") boolean open, @DefaultValue("false") boolean openWithRealData,
		@DefaultValue("60") @Positive int refreshPerMinute,
		@DefaultValue("5s") @NotNull @DurationMin(seconds = 1) Duration queryTimeout) {

	public ApiProperties {
		keys = List.copyOf(keys);
		readKeys = List.copyOf(readKeys);
	}

	@Override
	public String toString() {
		// never the keys themselves
		return "ApiProperties[keys=" + this.keys.size() + ", readKeys=" + this.readKeys.size() + ", open=" + this.open
				+ ", openWithRealData=" + this.openWithRealData + ", refreshPerMinute=" + this.refreshPerMinute
				+ ", queryTimeout=" + this.queryTimeout + "]";
	}

}
