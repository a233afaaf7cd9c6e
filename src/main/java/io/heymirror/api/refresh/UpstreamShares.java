package io.heymirror.api.refresh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The refreshes' share of each account's upstream budget. Every account has its own
 * budget (its credential's), so each has its own share of it, taken while a sync of that
 * account runs: a refresh of one account never waits for another's.
 */
final class UpstreamShares {

	private final Map<String, UpstreamShare> shares;

	UpstreamShares(Map<String, UpstreamShare> shares) {
		this.shares = new LinkedHashMap<>(shares);
	}

	/**
	 * Empty if a refresh of the account may ask Heymarket now, else how long until its
	 * share has room. An account this deployment does not mirror has no share to wait
	 * for: its refresh fails as such.
	 */
	Optional<Duration> tryTake(String account) {
		UpstreamShare share = this.shares.get(account);
		return (share != null) ? share.tryTake() : Optional.empty();
	}

}
