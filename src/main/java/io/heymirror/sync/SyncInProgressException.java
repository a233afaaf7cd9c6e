package io.heymirror.sync;

/** A run was asked for while one is in progress, here or in another replica. */
public class SyncInProgressException extends RuntimeException {

	SyncInProgressException() {
		super("A sync run is already in progress");
	}

}
