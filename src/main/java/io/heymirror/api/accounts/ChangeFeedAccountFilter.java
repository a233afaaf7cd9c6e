package io.heymirror.api.accounts;

import io.heymirror.changes.ChangeFeedAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The change feed's {@code account} parameter, read like the query API's: a bound key
 * reads its own account only.
 */
@Component
class ChangeFeedAccountFilter implements ChangeFeedAccounts {

	private final RequestAccounts accounts;

	ChangeFeedAccountFilter(RequestAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public @Nullable String accountToRead(@Nullable String named) {
		return this.accounts.filter(named);
	}

}
