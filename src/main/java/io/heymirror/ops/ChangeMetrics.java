package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.heymirror.changes.ChangeLogStats;
import io.heymirror.mirror.ChangesAppended;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The change log's meters: entries appended by this replica (counted once their
 * transaction commits), and the log's size and the age of its first entry (read at most
 * every 30 s, never per scrape).
 */
@Component
class ChangeMetrics {

	static final Duration TTL = Duration.ofSeconds(30);

	private final Counter created;

	private final Counter updated;

	private final Counter deleted;

	private final Counter restored;

	private final Cached<Long> size;

	private final Cached<Optional<Instant>> oldest;

	private final Clock clock;

	ChangeMetrics(MeterRegistry registry, ChangeLogStats stats, Clock clock) {
		this.clock = clock;
		this.created = appended(registry, "created");
		this.updated = appended(registry, "updated");
		this.deleted = appended(registry, "deleted");
		this.restored = appended(registry, "restored");
		this.size = new Cached<>(stats::size, TTL, clock);
		this.oldest = new Cached<>(() -> Optional.ofNullable(stats.oldest()), TTL, clock);
		Gauge.builder("heymirror.changes.log.size", this.size, Cached::get)
			.description("Entries in the change log")
			.register(registry);
		Gauge.builder("heymirror.changes.log.oldest.age", this, ChangeMetrics::oldestAge)
			.description("Seconds since the change log's first entry was written (NaN when empty)")
			.baseUnit("seconds")
			.register(registry);
	}

	private static Counter appended(MeterRegistry registry, String type) {
		return Counter.builder("heymirror.changes.appended")
			.description("Entries this replica appended to the change log")
			.tag("type", type)
			.register(registry);
	}

	@TransactionalEventListener
	void appended(ChangesAppended appended) {
		this.created.increment(appended.created());
		this.updated.increment(appended.updated());
		this.deleted.increment(appended.deleted());
		this.restored.increment(appended.restored());
	}

	private double oldestAge() {
		return this.oldest.get()
			.map((first) -> Duration.between(first, this.clock.instant()).toMillis() / 1000.0)
			.orElse(Double.NaN);
	}

}
