package io.heymirror.changes;

import org.jspecify.annotations.Nullable;

/**
 * Which account the current caller's read of the change feed is limited to. The API
 * decides, as for its other list routes: the account named (an unknown one is a 400 that
 * lists the accounts), and for a key bound to one account that account whatever is named
 * (naming another is a 403). Its failures are problem details to answer as they are.
 */
public interface ChangeFeedAccounts {

	/**
	 * The account to read, given the request's {@code account} parameter; null for every
	 * account.
	 */
	@Nullable String accountToRead(@Nullable String named);

}
