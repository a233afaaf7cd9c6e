package io.heymirror.api.security;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The configured caller keys, held as digests: full keys ({@code heymirror.api.keys}) and
 * read keys ({@code heymirror.api.read-keys}). A key may be configured as itself or as
 * {@code sha256:<hex>}, the SHA-256 of the key, so that neither the configuration nor the
 * environment holds it. A key is identified in logs and in the security context by its
 * list and position ({@code api-key-1}, {@code read-key-2}), never by its text.
 */
@Component
class ApiKeys {

	private final List<Entry> entries = new ArrayList<>();

	private final boolean open;

	ApiKeys(ApiProperties properties) {
		add(properties.keys(), "api-key-", Scope.FULL);
		add(properties.readKeys(), "read-key-", Scope.READ);
		this.open = properties.open();
	}

	private void add(List<String> keys, String prefix, Scope scope) {
		for (int i = 0; i < keys.size(); i++) {
			this.entries.add(new Entry(new Caller(prefix + (i + 1), scope), SecretDigest.fromConfigured(keys.get(i))));
		}
	}

	/**
	 * The caller {@code presented} identifies, or null. Every configured key is compared,
	 * so the time taken does not tell which one (if any) matched.
	 */
	@Nullable Caller match(String presented) {
		Caller matched = null;
		for (Entry entry : this.entries) {
			if (entry.digest().matches(presented)) {
				matched = entry.caller();
			}
		}
		return matched;
	}

	boolean isOpen() {
		return this.open;
	}

	/**
	 * Who called.
	 *
	 * @param name the key's name for logs
	 * @param scope what the key opens
	 */
	record Caller(String name, Scope scope) {

		/** The caller of an open mirror, who sends no key. */
		static final Caller OPEN = new Caller("open", Scope.FULL);

	}

	private record Entry(Caller caller, SecretDigest digest) {
	}

}
