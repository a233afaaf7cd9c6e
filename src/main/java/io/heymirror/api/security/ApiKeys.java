package io.heymirror.api.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The configured caller keys, held as digests. A key is identified in logs and in the
 * security context by its position ({@code api-key-1}, ...), never by its text.
 */
@Component
class ApiKeys {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	private final List<SecretDigest> digests;

	private final boolean open;

	ApiKeys(ApiProperties properties) {
		this.digests = properties.keys().stream().map(String::strip).map(SecretDigest::new).toList();
		this.open = properties.open();
		if (this.open) {
			log.warn("heymirror.api.open=true: every data route is served WITHOUT an API key. "
					+ "Use this for demos only, never with real contacts.");
		}
	}

	/**
	 * The name of the key {@code presented} matches, or null. Every configured key is
	 * compared, so the time taken does not tell which one (if any) matched.
	 */
	@Nullable String match(String presented) {
		String matched = null;
		for (int i = 0; i < this.digests.size(); i++) {
			if (this.digests.get(i).matches(presented)) {
				matched = "api-key-" + (i + 1);
			}
		}
		return matched;
	}

	boolean isOpen() {
		return this.open;
	}

}
