package io.heymirror.mirror;

/**
 * The live contact count of an account differed from its rows: every earlier verdict that
 * used it is in doubt. The count is repaired when this is thrown.
 */
public class LiveCountDriftException extends RuntimeException {

	LiveCountDriftException(String account, long counted, long live) {
		super("The live contact count of account " + account + " was " + counted + " but it had " + live
				+ " live contacts; the count was repaired, and the runs that used it may have missed a gap");
	}

}
