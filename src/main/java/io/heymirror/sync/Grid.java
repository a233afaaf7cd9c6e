package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * The points a window's bounds may sit on: multiples of upstream's tick, and never finer
 * than the mirror's microsecond. Upstream's {@code date} written at its own precision
 * then means exactly that point, even to an upstream that truncates {@code date}.
 *
 * @param digits fractional-second digits upstream writes
 */
record Grid(int digits) {

	private static final long MICRO = 1_000;

	/** The distance between two points. */
	Duration step() {
		return Duration.ofNanos(Math.max(MICRO, Boundary.tick(this.digits).toNanos()));
	}

	/** The point at or just below {@code instant}. */
	Instant floor(Instant instant) {
		long step = step().toNanos();
		long nanos = instant.getNano() - Math.floorMod(instant.getNano(), step);
		return Instant.ofEpochSecond(instant.getEpochSecond(), nanos);
	}

	/** {@code date} that counts exactly the contacts after this point. */
	String date(Instant point) {
		return Boundary.format(point, this.digits);
	}

}
