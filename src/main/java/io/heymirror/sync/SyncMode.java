package io.heymirror.sync;

/** The kinds of sync run. */
public enum SyncMode {

	/** Catch up from the watermark, then check completeness and repair gaps. */
	INCREMENTAL,

	/**
	 * Re-fetch every contact and detect deletions; the mirror stays readable meanwhile.
	 */
	FULL

}
