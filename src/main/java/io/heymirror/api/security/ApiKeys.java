package io.heymirror.api.security;

import java.util.ArrayList;
import java.util.List;

import io.heymirror.heymarket.AccountsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The configured caller keys, held as digests: full keys ({@code heymirror.api.keys}),
 * read keys ({@code heymirror.api.read-keys}) and the read keys bound to one account
 * ({@code heymirror.accounts.<name>.api-keys}). A key may be configured as itself or as
 * {@code sha256:<hex>}, the SHA-256 of the key, so that neither the configuration nor the
 * environment holds it. A key is identified in logs and in the security context by its
 * list and position ({@code api-key-1}, {@code read-key-2}, {@code east-key-1}), never by
 * its text.
 */
@Component
class ApiKeys {

	static final String NO_KEYS = "heymirror.api.keys is empty: set at least one API key (HEYMIRROR_API_KEYS), read "
			+ "key (HEYMIRROR_API_READ_KEYS) or account key (HEYMIRROR_ACCOUNTS_<NAME>_APIKEYS), or "
			+ "heymirror.api.open=true to serve the mirror without keys";

	private final List<Entry> entries = new ArrayList<>();

	private final boolean open;

	/**
	 * @throws InvalidApiKeysException when no key is configured and the mirror is not
	 * open (nobody could read it), or when a key bound to an account is configured twice
	 * (which account it reads would be ambiguous)
	 */
	ApiKeys(ApiProperties properties, AccountsProperties accounts) {
		add("heymirror.api.keys", properties.keys(), "api-key-", Scope.FULL, null);
		add("heymirror.api.read-keys", properties.readKeys(), "read-key-", Scope.READ, null);
		accounts.accounts()
			.forEach((name, account) -> add("heymirror.accounts." + name + ".api-keys", account.apiKeys(),
					name + "-key-", Scope.READ, name));
		this.open = properties.open();
		if (this.entries.isEmpty() && !this.open) {
			throw new InvalidApiKeysException(NO_KEYS);
		}
	}

	private void add(String setting, List<String> keys, String prefix, Scope scope, @Nullable String account) {
		for (int i = 0; i < keys.size(); i++) {
			Entry added = new Entry(new Caller(prefix + (i + 1), scope, account),
					SecretDigest.fromConfigured(keys.get(i)), setting + "[" + i + "]");
			refuseRepeatedBoundKey(added);
			this.entries.add(added);
		}
	}

	/**
	 * A key bound to an account must be configured once: the same key in two accounts, or
	 * in an account and {@code heymirror.api.*}, would read an account chosen by the
	 * order of the lists. (A key in both unbound lists is left as it always was.)
	 */
	private void refuseRepeatedBoundKey(Entry added) {
		for (Entry entry : this.entries) {
			boolean bound = added.caller().account() != null || entry.caller().account() != null;
			if (bound && entry.digest().equals(added.digest())) {
				throw new InvalidApiKeysException(added.setting() + " is the same key as " + entry.setting()
						+ ": configure each key once, either bound to one account or in heymirror.api.*");
			}
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
	 * @param account the only account the key reads, or null for every account
	 */
	record Caller(String name, Scope scope, @Nullable String account) {

		/** The caller of an open mirror, who sends no key. */
		static final Caller OPEN = new Caller("open", Scope.FULL, null);

	}

	/**
	 * A configured key.
	 *
	 * @param caller who it identifies
	 * @param digest its digest
	 * @param setting where it is configured, for a start-up failure
	 */
	private record Entry(Caller caller, SecretDigest digest, String setting) {
	}

}
