package io.heymirror.changes;

import java.util.Locale;

/** What a change did to its contact. */
public enum ChangeOperation {

	/** New to the mirror. */
	CREATED,

	/** Its JSON changed. */
	UPDATED,

	/** Found deleted upstream (soft-deleted in the mirror). */
	DELETED,

	/** A deleted contact came back. */
	RESTORED;

	/** As the log stores it and the event type ends: {@code created}, ... */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The CloudEvents {@code type}: {@code io.heymirror.contact.created}, ... */
	public String eventType() {
		return "io.heymirror.contact." + label();
	}

	static ChangeOperation of(String label) {
		return valueOf(label.toUpperCase(Locale.ROOT));
	}

}
