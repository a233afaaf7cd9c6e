package io.heymirror.api;

import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may read the mirror.
 *
 * @param keys the API keys callers send as {@code Authorization: Bearer <key>}; any one
 * of them opens every data route. Required unless {@code open} is set.
 * @param open serve every data route without a key (demos only: the mirror holds personal
 * data); start-up logs a warning when set
 */
@ConfigurationProperties("heymirror.api")
@Validated
record ApiProperties(@DefaultValue List<@NotBlank String> keys, @DefaultValue("false") boolean open) {

	ApiProperties {
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
		return "ApiProperties[keys=" + this.keys.size() + ", open=" + this.open + "]";
	}

}
