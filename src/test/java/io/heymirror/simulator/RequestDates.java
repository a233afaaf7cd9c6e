package io.heymirror.simulator;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code date} field of requests as Heymarket's decoder would: lenient RFC 3339
 * at full precision, any number of fractional digits (beyond nanoseconds they are
 * dropped), any offset, {@code t}/{@code z} in either case and a space instead of
 * {@code T} (RFC 3339 section 5.6 allows it).
 */
final class RequestDates {

	private RequestDates() {
	}

	/** The instant, or null when the text is not an RFC 3339 date-time. */
	static @Nullable Instant parse(String text) {
		String normalized = text.trim().toUpperCase(Locale.ROOT);
		if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
			normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
		}
		normalized = dropDigitsBeyondNanos(normalized);
		try {
			return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String dropDigitsBeyondNanos(String text) {
		int dot = text.indexOf('.');
		if (dot < 0) {
			return text;
		}
		int end = dot + 1;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		if (end - dot - 1 <= 9) {
			return text;
		}
		return text.substring(0, dot + 10) + text.substring(end);
	}

}
