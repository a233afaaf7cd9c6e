package io.heymirror.mirror;

import org.jspecify.annotations.Nullable;

/**
 * What a write to the mirror records in the change log about where it comes from.
 *
 * @param cause why the contacts change
 * @param runId the sync run making the change, if a run makes it
 */
public record ChangeOrigin(ChangeCause cause, @Nullable Long runId) {

	/** A change made outside any sync run. */
	public static ChangeOrigin of(ChangeCause cause) {
		return new ChangeOrigin(cause, null);
	}

}
