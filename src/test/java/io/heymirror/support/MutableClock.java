package io.heymirror.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand; optionally it also ticks on every reading, so that code
 * which reads the time in a loop sees it pass.
 */
public final class MutableClock extends Clock {

	private final Duration tick;

	private Instant now;

	public MutableClock(Instant start) {
		this(start, Duration.ZERO);
	}

	public MutableClock(Instant start, Duration tick) {
		this.now = start;
		this.tick = tick;
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public synchronized void set(Instant now) {
		this.now = now;
	}

	@Override
	public synchronized Instant instant() {
		Instant reading = this.now;
		this.now = this.now.plus(this.tick);
		return reading;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
