package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point on upstream's {@code updated} axis, with the precision upstream writes it in.
 * The sync never asks for exactly a boundary: it asks from one tick below it, so the
 * boundary's contacts are read again whether upstream treats {@code date} as inclusive or
 * exclusive. A tick is one unit of the finest precision seen (a second, a millisecond,
 * ...), never finer, so an upstream that truncates {@code date} to its own precision
 * still includes the boundary.
 *
 * @param at the instant
 * @param digits fractional-second digits upstream uses (0 to 9)
 */
record Boundary(Instant at, int digits) implements Comparable<Boundary> {

	private static final Pattern FRACTION = Pattern.compile("T\\d{2}:\\d{2}:\\d{2}(?:[.,](\\d+))?");

	Boundary {
		digits = Math.max(0, Math.min(9, digits));
	}

	/** The boundary at an upstream timestamp, keeping the precision of its text. */
	static Boundary of(Instant at, String text) {
		return new Boundary(at, digitsOf(text));
	}

	static int digitsOf(String text) {
		Matcher matcher = FRACTION.matcher(text);
		if (matcher.find() && matcher.group(1) != null) {
			return Math.min(9, matcher.group(1).length());
		}
		return 0;
	}

	Duration tick() {
		return Duration.ofNanos((long) Math.pow(10, 9 - this.digits));
	}

	/** The same instant, written with at least {@code minDigits} digits of precision. */
	Boundary withDigitsAtLeast(int minDigits) {
		return (minDigits > this.digits) ? new Boundary(this.at, minDigits) : this;
	}

	/** The {@code date} that reads this boundary again, going up: one tick below it. */
	String justBelow() {
		return format(this.at.minus(tick()), this.digits);
	}

	/** This boundary in RFC 3339 at its own precision. */
	String text() {
		return format(this.at, this.digits);
	}

	@Override
	public int compareTo(Boundary other) {
		return this.at.compareTo(other.at);
	}

	static String format(Instant instant, int digits) {
		DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss");
		if (digits > 0) {
			builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
		}
		DateTimeFormatter formatter = builder.appendLiteral('Z').toFormatter();
		return formatter.format(instant.atOffset(ZoneOffset.UTC));
	}

}
