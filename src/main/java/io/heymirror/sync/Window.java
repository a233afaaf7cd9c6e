package io.heymirror.sync;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * A closed stretch of the {@code updated} axis, {@code (after, upTo]}, whose contacts are
 * compared between upstream and the mirror. Both bounds are whole microseconds, the
 * mirror's resolution.
 *
 * @param after the lower bound, excluded; null for the beginning of time
 * @param upTo the upper bound, included
 */
record Window(@Nullable Instant after, Instant upTo) {

	/** Before every contact: the lower bound of a window that starts at the beginning. */
	static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");

	/** After every contact. */
	static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

	Window {
		after = (after != null) ? micros(after) : null;
		upTo = micros(upTo);
	}

	/** The lower bound, the beginning of time when open. */
	Instant from() {
		return (this.after != null) ? this.after : BEGINNING;
	}

	/** Whether the window holds no instant at all. */
	boolean isEmpty() {
		return this.after != null && !this.upTo.isAfter(this.after);
	}

	/** The smallest window holding both. */
	Window span(@Nullable Window other) {
		if (other == null) {
			return this;
		}
		Instant lower = (this.after == null || other.after == null) ? null
				: (this.after.isBefore(other.after) ? this.after : other.after);
		return new Window(lower, this.upTo.isAfter(other.upTo) ? this.upTo : other.upTo);
	}

	/** {@code (after, upTo]} in RFC 3339 at {@code digits} fractional digits. */
	String describe(int digits) {
		return "(" + ((this.after != null) ? Boundary.format(this.after, digits) : "beginning") + ", "
				+ Boundary.format(this.upTo, digits) + "]";
	}

	/** The instant as the mirror stores it: cut to whole microseconds. */
	static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

}
