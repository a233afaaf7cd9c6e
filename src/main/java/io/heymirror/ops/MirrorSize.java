package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;

import io.heymirror.mirror.LiveContactCount;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The number of live contacts, for the {@code heymirror.mirror.size} gauge and the
 * dashboard: the sum of the kept counts, read at most once per {@link #TTL} and replaced
 * by the count a run records when it ends.
 */
@Component
class MirrorSize {

	static final Duration TTL = Duration.ofSeconds(30);

	private final Cached<Long> count;

	MirrorSize(LiveContactCount live, Clock clock) {
		this.count = new Cached<>(live::total, TTL, clock);
	}

	long get() {
		return this.count.get();
	}

	/**
	 * A run just ended.
	 * @param counted the live count it recorded, or null when it did not get that far
	 */
	void runEnded(@Nullable Long counted) {
		if (counted != null) {
			this.count.set(counted);
		}
		else {
			this.count.invalidate();
		}
	}

}
