package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;

import io.heymirror.mirror.ContactRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The number of live contacts, for the {@code heymirror.mirror.size} gauge and the
 * dashboard. Counting a table of millions of rows takes a while, so the count is kept for
 * {@link #TTL} and replaced by the count each run records when it ends, never taken per
 * scrape.
 */
@Component
class MirrorSize {

	static final Duration TTL = Duration.ofSeconds(30);

	private final Cached<Long> count;

	MirrorSize(ContactRepository contacts, Clock clock) {
		this.count = new Cached<>(contacts::countByDeletedAtIsNull, TTL, clock);
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
