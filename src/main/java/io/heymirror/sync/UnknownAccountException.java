package io.heymirror.sync;

import java.util.List;

/** An account name this deployment does not mirror. */
public class UnknownAccountException extends RuntimeException {

	private final List<String> accounts;

	UnknownAccountException(String account, List<String> accounts) {
		super("No account " + account + "; the accounts are " + String.join(", ", accounts));
		this.accounts = List.copyOf(accounts);
	}

	/** The accounts there are. */
	public List<String> accounts() {
		return this.accounts;
	}

}
