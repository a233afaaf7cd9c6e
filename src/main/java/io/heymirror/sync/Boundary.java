package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

import io.heymirror.heymarket.HeymarketContact;
import io.heymirror.heymarket.UpstreamTime;
import org.jspecify.annotations.Nullable;

/**
 * A point on upstream's {@code updated} axis, with the precision upstream writes it in.
 * The sync never asks for exactly a boundary: it asks from one tick below it, so the
 * boundary's contacts are read again whether upstream treats {@code date} as inclusive or
 * exclusive. A tick is one unit of the finest precision seen (a second, a millisecond,
 * ...), never finer, so an upstream that truncates {@code date} to its own precision
 * still includes the boundary.
 *
 * @param at the instant, to the nanosecond
 * @param digits fractional-second digits upstream uses (0 to 9)
 */
record Boundary(Instant at, int digits) implements Comparable<Boundary> {

	private static final DateTimeFormatter[] FORMATS = new DateTimeFormatter[10];

	static {
		for (int digits = 0; digits <= 9; digits++) {
			DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss");
			if (digits > 0) {
				builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
			}
			FORMATS[digits] = builder.appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);
		}
	}

	Boundary {
		digits = Math.max(0, Math.min(9, digits));
	}

	/**
	 * The boundary at a contact's {@code updated}, at the precision it was written in.
	 */
	static Boundary of(HeymarketContact contact) {
		return new Boundary(contact.updated(), contact.updatedDigits());
	}

	/** The boundary a stored text stands for; null when it is not a time. */
	static @Nullable Boundary parse(@Nullable String text) {
		UpstreamTime time = UpstreamTime.parse(text);
		return (time != null) ? new Boundary(time.instant(), time.digits()) : null;
	}

	Duration tick() {
		return tick(this.digits);
	}

	static Duration tick(int digits) {
		long nanos = 1;
		for (int i = digits; i < 9; i++) {
			nanos *= 10;
		}
		return Duration.ofNanos(nanos);
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

	/** This boundary, or {@code ceiling} (cut to this precision) if that is earlier. */
	Boundary atMost(Instant ceiling) {
		if (!this.at.isAfter(ceiling)) {
			return this;
		}
		long tick = tick().toNanos();
		long nanos = ceiling.getNano() - Math.floorMod(ceiling.getNano(), tick);
		return new Boundary(Instant.ofEpochSecond(ceiling.getEpochSecond(), nanos), this.digits);
	}

	@Override
	public int compareTo(Boundary other) {
		return this.at.compareTo(other.at);
	}

	static String format(Instant instant, int digits) {
		return FORMATS[Math.max(0, Math.min(9, digits))].format(instant);
	}

}
