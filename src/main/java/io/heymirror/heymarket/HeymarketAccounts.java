package io.heymirror.heymarket;

import java.util.List;
import java.util.Optional;

/**
 * The accounts this deployment mirrors, by name. {@code default} is among them when
 * {@code heymirror.heymarket.*} has credentials, or when no other account is declared
 * (the single-account deployment, whose missing credentials the sync reports).
 */
public final class HeymarketAccounts {

	private final List<Account> accounts;

	HeymarketAccounts(List<Account> accounts) {
		this.accounts = List.copyOf(accounts);
	}

	/** Every account, {@code default} first, then by name. */
	public List<Account> all() {
		return this.accounts;
	}

	public List<String> names() {
		return this.accounts.stream().map(Account::name).toList();
	}

	public Optional<Account> find(String name) {
		return this.accounts.stream().filter((account) -> account.name().equals(name)).findFirst();
	}

	public boolean contains(String name) {
		return find(name).isPresent();
	}

	@Override
	public String toString() {
		return "HeymarketAccounts" + names();
	}

}
