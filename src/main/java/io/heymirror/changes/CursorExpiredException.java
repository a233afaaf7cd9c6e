package io.heymirror.changes;

/**
 * A cursor whose unread entries were purged after it was issued: reading on from it would
 * miss changes, so the consumer must take a new snapshot.
 */
public class CursorExpiredException extends RuntimeException {

	public CursorExpiredException(ChangeCursor cursor) {
		super("Change log entries after cursor " + cursor.encode() + " were purged");
	}

}
