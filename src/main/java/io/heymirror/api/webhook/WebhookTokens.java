package io.heymirror.api.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.heymirror.api.security.SecretDigest;
import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.AccountProperties;
import io.heymirror.heymarket.AccountsProperties;
import io.heymirror.heymarket.HeymarketAccounts;
import org.jspecify.annotations.Nullable;

/**
 * The verification token of each account's webhook route: {@code default}'s is
 * {@code heymirror.webhook.token}, another account's
 * {@code heymirror.accounts.<name>.webhook-token}. An account without a token, or a name
 * that is no account, has no route.
 */
final class WebhookTokens {

	private final Map<String, SecretDigest> tokens = new LinkedHashMap<>();

	WebhookTokens(WebhookProperties webhook, AccountsProperties declared, HeymarketAccounts accounts) {
		for (Account account : accounts.all()) {
			String token = account.isDefault() ? webhook.token() : webhookToken(declared, account.name());
			if (token != null) {
				this.tokens.put(account.name(), SecretDigest.fromConfigured(token));
			}
		}
	}

	private static @Nullable String webhookToken(AccountsProperties declared, String account) {
		AccountProperties properties = declared.accounts().get(account);
		return (properties != null) ? properties.webhookToken() : null;
	}

	/** The token of the account's route, empty when it has none. */
	Optional<SecretDigest> of(String account) {
		return Optional.ofNullable(this.tokens.get(account));
	}

	/** The accounts whose route is on, in the accounts' order. */
	List<String> accounts() {
		return List.copyOf(this.tokens.keySet());
	}

}
