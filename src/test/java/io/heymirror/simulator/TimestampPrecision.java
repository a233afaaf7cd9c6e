package io.heymirror.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The precision of the {@code created} and {@code updated} values the simulator stores
 * and writes. Stored values are truncated to it, so contacts written within one tick
 * share one exact {@code updated} (real ties).
 */
public enum TimestampPrecision {

	/** {@code 2024-06-01T12:00:00Z}. */
	SECONDS(ChronoUnit.SECONDS, 0),

	/** {@code 2024-06-01T12:00:00.123Z}. */
	MILLIS(ChronoUnit.MILLIS, 3),

	/** {@code 2024-06-01T12:00:00.123456Z}. */
	MICROS(ChronoUnit.MICROS, 6),

	/** {@code 2024-06-01T12:00:00.123456789Z}. */
	NANOS(ChronoUnit.NANOS, 9);

	private final ChronoUnit unit;

	private final int digits;

	private final DateTimeFormatter formatter;

	TimestampPrecision(ChronoUnit unit, int digits) {
		this.unit = unit;
		this.digits = digits;
		DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss");
		if (digits > 0) {
			builder.appendFraction(ChronoField.NANO_OF_SECOND, digits, digits, true);
		}
		this.formatter = builder.appendLiteral('Z').toFormatter().withZone(ZoneOffset.UTC);
	}

	/** The instant cut down to this precision. */
	public Instant truncate(Instant instant) {
		return instant.truncatedTo(this.unit);
	}

	/** The instant as the simulator writes it (truncated first). */
	public String format(Instant instant) {
		return this.formatter.format(truncate(instant));
	}

	/** Fractional-second digits written. */
	public int digits() {
		return this.digits;
	}

	/** The smallest step at this precision ("one tick"). */
	public ChronoUnit unit() {
		return this.unit;
	}

}
