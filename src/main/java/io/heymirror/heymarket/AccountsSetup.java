package io.heymirror.heymarket;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Turns the declared accounts into {@link Account}s, refusing any that cannot work with
 * one line naming the setting. An account's upstream settings are the single-account ones
 * with its own base URL, credentials and budget.
 */
final class AccountsSetup {

	private static final String PREFIX = "heymirror.accounts.";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("heymirror.accounts");

	private AccountsSetup() {
	}

	/**
	 * @param single the single-account settings ({@code default}, and every account's
	 * fallbacks)
	 * @param declared the accounts under {@code heymirror.accounts}
	 * @param defaultClient the client of {@code default}
	 * @param clients builds the client of an account from its name and settings
	 */
	static HeymarketAccounts accounts(HeymarketProperties single, AccountsProperties declared,
			HeymarketClient defaultClient, BiFunction<String, HeymarketProperties, HeymarketClient> clients) {
		List<Account> accounts = new ArrayList<>();
		if (declared.accounts().isEmpty() || defaultClient.isConfigured()) {
			accounts
				.add(new Account(Account.DEFAULT, defaultClient, single, new AccountProperties.Sync(null, null, null)));
		}
		for (Map.Entry<String, AccountProperties> entry : declared.accounts().entrySet()) {
			String name = entry.getKey();
			AccountProperties account = entry.getValue();
			check(name, account);
			HeymarketProperties settings = new HeymarketProperties(
					(account.baseUrl() != null) ? account.baseUrl() : single.baseUrl(), account.apiKey(),
					account.secretId(), account.secretKey(),
					(account.requestsPerMinute() != null) ? account.requestsPerMinute() : single.requestsPerMinute(),
					single.sharedBudget(), single.connectTimeout(), single.readTimeout(), single.retry());
			accounts.add(new Account(name, clients.apply(name, settings), settings, account.sync()));
		}
		return new HeymarketAccounts(accounts);
	}

	/**
	 * Refuses a setting under {@code heymirror.accounts} that no account has, such as a
	 * misspelt one, which would otherwise be ignored. A setting counts as known in any
	 * form Spring binds it from ({@code api-key}, {@code apiKey}, {@code API_KEY}).
	 */
	static void refuseUnknownSettings(Environment environment) {
		Set<String> bound = new HashSet<>();
		Binder.get(environment).bind(ROOT, Bindable.mapOf(String.class, AccountProperties.class), new BindHandler() {

			@Override
			public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) {
				bound.add(flat(name));
				return result;
			}

		});
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource names) {
				names.stream()
					.filter(ROOT::isAncestorOf)
					.filter((name) -> !bound.contains(flat(name)))
					.findFirst()
					.ifPresent((name) -> {
						throw new InvalidAccountException(name.toString(), "is not a setting");
					});
			}
		}
	}

	private static String flat(ConfigurationPropertyName name) {
		return name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	private static void check(String name, AccountProperties account) {
		if (!name.matches(Account.NAME_PATTERN)) {
			throw new InvalidAccountException(PREFIX + name,
					"is not a valid account name: names are 1 to 40 lowercase letters and digits");
		}
		if (name.equals(Account.DEFAULT)) {
			throw new InvalidAccountException(PREFIX + name,
					"cannot be declared: the account default is the one heymirror.heymarket.* configures");
		}
		boolean key = account.apiKey() != null;
		boolean id = account.secretId() != null;
		boolean secret = account.secretKey() != null;
		if (key && (id || secret)) {
			throw new InvalidAccountException(PREFIX + name + ".api-key",
					"is set with secret-id or secret-key: set either api-key or secret-id + secret-key, not both");
		}
		if (!key && !id && !secret) {
			throw new InvalidAccountException(PREFIX + name + ".api-key",
					"must be set (or secret-id and secret-key): an account needs its Heymarket credentials");
		}
		if (id != secret) {
			throw new InvalidAccountException(PREFIX + name + (id ? ".secret-key" : ".secret-id"),
					"must be set with " + (id ? "secret-id" : "secret-key"));
		}
		URI baseUrl = account.baseUrl();
		if (baseUrl != null && !ConsistentSettings.Check.isHttpUrl(baseUrl)) {
			throw new InvalidAccountException(PREFIX + name + ".base-url",
					"must be an absolute http or https URL with a host");
		}
	}

}
