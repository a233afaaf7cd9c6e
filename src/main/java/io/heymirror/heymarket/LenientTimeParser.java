package io.heymirror.heymarket;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads the RFC 3339 times upstream writes, leniently, with the precision they were
 * written in: 0-9 fractional digits, offset {@code Z} or {@code +hh:mm}. Every contact
 * carries two, so the usual layout is read by hand (a DateTimeFormatter costs about a
 * microsecond per value); anything else falls back to a lenient formatter that also takes
 * a space or lower-case t, and the ISO 8601 offsets {@code +hhmm} and {@code +hh}.
 */
final class LenientTimeParser {

	// what the slow path accepts: a space or lower-case t for the T, no seconds, and the
	// ISO 8601 offsets +hhmm and +hh besides Z and +hh:mm
	private static final Pattern LENIENT = Pattern.compile(
			"(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(?:([Zz])|([+-]\\d{2}):?(\\d{2})?)");

	private static final DateTimeFormatter STRICT = DateTimeFormatter.ISO_OFFSET_DATE_TIME
		.withResolverStyle(ResolverStyle.STRICT);

	private static final int[] NANO_SCALE = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10,
			1 };

	private LenientTimeParser() {
	}

	/** The time, or null when the text is not a time with an offset. */
	static @Nullable UpstreamTime parse(@Nullable String text) {
		if (text == null || text.length() < 16) {
			return null;
		}
		UpstreamTime fast = fast(text);
		if (fast != null) {
			return fast;
		}
		Matcher matcher = LENIENT.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		String offset = (matcher.group(3) != null) ? "Z"
				: matcher.group(4) + ":" + ((matcher.group(5) != null) ? matcher.group(5) : "00");
		String time = matcher.group(2);
		int dot = time.indexOf('.');
		int digits = (dot < 0) ? 0 : time.length() - dot - 1;
		try {
			return new UpstreamTime(OffsetDateTime.parse(matcher.group(1) + 'T' + time + offset, STRICT).toInstant(),
					digits);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+hh:mm)}, or null to take the slow path. */
	private static @Nullable UpstreamTime fast(String s) {
		int length = s.length();
		if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
				|| s.charAt(16) != ':') {
			return null;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		int count = 0;
		if (s.charAt(position) == '.') {
			int start = ++position;
			while (position < length && position - start < 10 && Character.isDigit(s.charAt(position))) {
				position++;
			}
			count = position - start;
			if (count == 0 || count > 9) {
				return null;
			}
			nanos = digits(s, start, count) * NANO_SCALE[count];
		}
		int offsetSeconds = offset(s, position);
		if (offsetSeconds == Integer.MIN_VALUE) {
			return null;
		}
		try {
			long epochDay = LocalDate.of(year, month, day).toEpochDay();
			return new UpstreamTime(Instant.ofEpochSecond(
					epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos), count);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** {@code Z} or {@code +hh:mm} ending the text, in seconds; MIN_VALUE otherwise. */
	private static int offset(String s, int position) {
		int remaining = s.length() - position;
		if (remaining == 1 && s.charAt(position) == 'Z') {
			return 0;
		}
		if (remaining != 6 || s.charAt(position + 3) != ':') {
			return Integer.MIN_VALUE;
		}
		char sign = s.charAt(position);
		int hours = digits(s, position + 1, 2);
		int minutes = digits(s, position + 4, 2);
		if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
			return Integer.MIN_VALUE;
		}
		int seconds = hours * 3_600 + minutes * 60;
		return (sign == '-') ? -seconds : seconds;
	}

	/** The decimal value of {@code count} ASCII digits, or -1. */
	private static int digits(String s, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			int digit = s.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
