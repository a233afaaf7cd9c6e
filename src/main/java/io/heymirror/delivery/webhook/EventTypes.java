package io.heymirror.delivery.webhook;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The event types a subscriber may list: {@code created}, ..., or their full CloudEvents
 * form {@code io.heymirror.contact.created}, ...
 */
final class EventTypes {

	private static final String PREFIX = "io.heymirror.contact.";

	private static final Set<String> LABELS = Set.of("created", "updated", "deleted", "restored");

	private EventTypes() {
	}

	/** The full type a listed one names, or null if it names none. */
	static @Nullable String of(String listed) {
		String label = listed.strip().toLowerCase(Locale.ROOT);
		if (label.startsWith(PREFIX)) {
			label = label.substring(PREFIX.length());
		}
		return LABELS.contains(label) ? PREFIX + label : null;
	}

}
