package io.heymirror.changes;

/**
 * Whether the caller of the current request may read what a deleted contact held. The
 * API's caller authentication decides (a read-only key may not); for such a caller a
 * {@code deleted} event's {@code data} is just the contact's id.
 */
public interface DeletedContactAccess {

	boolean currentCallerMayReadDeletedContacts();

}
