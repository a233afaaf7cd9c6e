package io.heymirror.mirror;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 text read and written as the mirror stores timestamps. Any precision and any
 * offset are accepted; the fraction is rounded to microseconds the way PostgreSQL rounds
 * it when it stores a {@code timestamptz} ({@code rint} of the fraction as a double), so
 * a timestamp parsed here equals the stored column for the same text.
 */
public final class PostgresTimestamps {

	private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})"
			+ "(?:\\.(\\d{1,64}))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

	// inside what both java.time and PostgreSQL represent without era gymnastics
	private static final Instant MIN = Instant.parse("0001-01-02T00:00:00Z");

	private static final Instant MAX = Instant.parse("9999-12-30T00:00:00Z");

	private PostgresTimestamps() {
	}

	/**
	 * Parses an RFC 3339 timestamp, rounded to microseconds.
	 * @throws IllegalArgumentException if {@code text} is not one
	 */
	public static Instant parse(String text) {
		Matcher m = FORMAT.matcher(text);
		if (!m.matches()) {
			throw new IllegalArgumentException("not an RFC 3339 timestamp");
		}
		try {
			LocalDateTime local = LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4), number(m, 5),
					number(m, 6));
			ZoneOffset offset = (m.group(8) != null) ? ZoneOffset.UTC
					: ZoneOffset.ofHoursMinutes(sign(m) * number(m, 10), sign(m) * number(m, 11));
			return checkRange(local.toInstant(offset).plus(micros(m.group(7)), ChronoUnit.MICROS));
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("not a valid date and time", ex);
		}
	}

	/**
	 * The instant itself, if both java.time and PostgreSQL represent it plainly.
	 * @throws IllegalArgumentException if not
	 */
	public static Instant checkRange(Instant instant) {
		if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
			throw new IllegalArgumentException("timestamp out of range");
		}
		return instant;
	}

	/** Whether {@code text} is an RFC 3339 timestamp denoting exactly {@code instant}. */
	public static boolean denotes(String text, Instant instant) {
		try {
			return parse(text).equals(instant);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The canonical form: UTC, as many fraction digits as needed (0, 3 or 6). */
	public static String format(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS).toString();
	}

	private static long micros(String fraction) {
		if (fraction == null) {
			return 0;
		}
		// PostgreSQL: fsec = rint(strtod(".fraction") * 1000000); both are IEEE doubles
		return (long) Math.rint(Double.parseDouble("0." + fraction) * 1_000_000d);
	}

	private static int number(Matcher matcher, int group) {
		return Integer.parseInt(matcher.group(group));
	}

	private static int sign(Matcher matcher) {
		return "-".equals(matcher.group(9)) ? -1 : 1;
	}

}
