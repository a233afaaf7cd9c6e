package io.heymirror.sync;

/**
 * The walk cannot move on without risking a lost contact; the run fails and keeps its
 * checkpoint.
 */
class SyncStallException extends RuntimeException {

	SyncStallException(String message) {
		super(message);
	}

}
