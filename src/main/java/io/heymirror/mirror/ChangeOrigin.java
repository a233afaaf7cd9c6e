package io.heymirror.mirror;

import org.jspecify.annotations.Nullable;

/**
 * Where a write to the mirror comes from: the account whose contacts it writes, and what
 * the change log records as its cause.
 *
 * @param account the Heymarket account the written contacts belong to
 * @param cause why the contacts change
 * @param runId the sync run making the change, if a run makes it
 */
public record ChangeOrigin(String account, ChangeCause cause, @Nullable Long runId) {

	/** A change made outside any sync run. */
	public static ChangeOrigin of(String account, ChangeCause cause) {
		return new ChangeOrigin(account, cause, null);
	}

	/** The same origin with another cause. */
	public ChangeOrigin as(ChangeCause other) {
		return new ChangeOrigin(this.account, other, this.runId);
	}

}
