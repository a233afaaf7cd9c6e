package io.heymirror.api.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read the mirror, and how much one request may cost.
 *
 * @param keys the API keys callers send as {@code Authorization: Bearer <key>}; any one
 * of them opens every data route. Required unless {@code open} is set.
 * @param open serve every data route without a key (demos only: the mirror holds personal
 * data); start-up logs a warning when set
 * @param queryTimeout longest one SQL statement of the read APIs may run, in whole
 * seconds; a request whose query runs longer is answered 503
 */
@ConfigurationProperties("heymirror.api")
@Validated
public record ApiProperties(@DefaultValue List<@NotBlank String> keys, @DefaultValue("false") boolean open,
		@DefaultValue("5s") @NotNull @DurationMin(seconds = 1) Duration queryTimeout) {

	public ApiProperties {
		keys = List.copyOf(keys);
	}

	/**
	 * Validated at start-up: with neither a key nor {@code open} nobody could read the
	 * mirror, which is a configuration mistake, not a way to run.
	 */
	@AssertTrue(message = "heymirror.api.keys is empty: set at least one API key (HEYMIRROR_API_KEYS), "
			+ "or heymirror.api.open=true to serve the mirror without keys")
	boolean isKeyedOrOpen() {
		return this.open || !this.keys.isEmpty();
	}

	@Override
	public String toString() {
		// never the keys themselves
		return "ApiProperties[keys=" + this.keys.size() + ", open=" + this.open + ", queryTimeout=" + this.queryTimeout
				+ "]";
	}

}
