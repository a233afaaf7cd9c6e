package io.heymirror.heymarket;

/**
 * One Heymarket account (team) the deployment mirrors: its client, with its own
 * credentials and request budget, and its own sync schedule.
 *
 * @param name the account's name, which every row, run, change, metric and lock of it
 * carries
 * @param client its Heymarket client
 * @param upstream the settings its client was built with: the single-account ones with
 * its own base URL, credentials and requests per minute
 * @param sync its own sync schedule (each unset value is that of
 * {@code heymirror.sync.*})
 */
public record Account(String name, HeymarketClient client, HeymarketProperties upstream, AccountProperties.Sync sync) {

	/** The account of the single-account settings. */
	public static final String DEFAULT = "default";

	/**
	 * What an account name may be: a path segment and part of an environment variable.
	 */
	public static final String NAME_PATTERN = "[a-z0-9]{1,40}";

	public boolean isDefault() {
		return DEFAULT.equals(this.name);
	}

	@Override
	public String toString() {
		return "Account[" + this.name + "]";
	}

}
