package io.heymirror.api.accounts;

import java.util.Collections;
import java.util.List;

import io.heymirror.api.errors.ApiProblem;
import io.heymirror.api.security.CallerAccount;
import io.heymirror.heymarket.Account;
import io.heymirror.heymarket.HeymarketAccounts;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads which account a request addresses. A caller whose key is bound to an account
 * ({@link CallerAccount}) always gets that account, needs to name none, and naming
 * another is a 403 that lists no other account. For any other caller: without an account,
 * {@code default} is meant when it exists, so that adding a second account never breaks
 * an integration written for one; otherwise the caller must say, and a 400 problem lists
 * the accounts.
 */
@Component
public class RequestAccounts {

	/** The header naming the account. */
	public static final String HEADER = "Heymirror-Account";

	/** The query parameter naming the account. */
	public static final String PARAMETER = "account";

	private final HeymarketAccounts accounts;

	RequestAccounts(HeymarketAccounts accounts) {
		this.accounts = accounts;
	}

	/** The account a single-contact or compatible request addresses. */
	public AddressedAccount addressed(HttpServletRequest request) {
		String bound = CallerAccount.current();
		if (bound != null) {
			// every value counts: a second header or parameter must not reach another
			// account
			Collections.list(request.getHeaders(HEADER)).forEach((named) -> refuseOther(bound, named));
			String[] parameters = request.getParameterValues(PARAMETER);
			if (parameters != null) {
				List.of(parameters).forEach((named) -> refuseOther(bound, named));
			}
			return new AddressedAccount(bound);
		}
		String named = request.getHeader(HEADER);
		if (named == null || named.isBlank()) {
			named = request.getParameter(PARAMETER);
		}
		if (named != null && !named.isBlank()) {
			return new AddressedAccount(known(named.strip()));
		}
		if (this.accounts.contains(Account.DEFAULT)) {
			return new AddressedAccount(Account.DEFAULT);
		}
		throw ApiProblem.badParameter(PARAMETER, "Name the account in the " + HEADER + " header or the '" + PARAMETER
				+ "' parameter; the accounts are " + String.join(", ", this.accounts.names()) + ".");
	}

	/**
	 * The account a list is filtered to, or null for every account: the caller's own
	 * account when its key is bound to one.
	 */
	public @Nullable String filter(@Nullable String account) {
		String bound = CallerAccount.current();
		if (bound != null) {
			refuseOther(bound, account);
			return bound;
		}
		return (account != null && !account.isBlank()) ? known(account.strip()) : null;
	}

	/** The accounts there are. */
	public List<String> names() {
		return this.accounts.names();
	}

	private String known(String account) {
		if (!this.accounts.contains(account)) {
			String shown = (account.length() > 40) ? account.substring(0, 40) + "..." : account;
			throw ApiProblem.badParameter(PARAMETER,
					"No account '" + shown + "'; the accounts are " + String.join(", ", this.accounts.names()) + ".");
		}
		return account;
	}

	/**
	 * Refuses a bound caller naming any account but its own, known or not, without
	 * telling which accounts exist.
	 */
	private static void refuseOther(String bound, @Nullable String named) {
		if (named != null && !named.isBlank() && !named.strip().equals(bound)) {
			throw ApiProblem.forbidden("This key reads only the account '" + bound + "'.");
		}
	}

}
