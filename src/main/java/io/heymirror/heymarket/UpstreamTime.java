package io.heymirror.heymarket;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A time as upstream wrote it: the instant, and how many fractional-second digits the
 * text carried (its precision, which the sync needs to ask for exactly one tick below a
 * boundary).
 *
 * @param instant the instant
 * @param digits fractional-second digits in the text, 0 to 9
 */
public record UpstreamTime(Instant instant, int digits) {

	/**
	 * Reads a time as upstream writes it (RFC 3339, leniently).
	 * @return the time, or null when the text is not a time with an offset
	 */
	public static @Nullable UpstreamTime parse(@Nullable String text) {
		return LenientTimeParser.parse(text);
	}

}
