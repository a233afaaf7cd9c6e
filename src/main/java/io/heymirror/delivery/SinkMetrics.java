package io.heymirror.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.heymirror.changes.ChangeLogStats.Backlog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The sinks' meters, tagged {@code sink} and {@code kind}:
 * {@code heymirror.changes.sink.lag} (entries not delivered yet) and {@code .oldest.age}
 * (seconds since the oldest of them was written), read at most every {@link #TTL}, never
 * per scrape; and this replica's {@code .delivered} (events acknowledged),
 * {@code .failed} (attempts that failed) and {@code .retried} (attempts after a failure).
 */
@Component
class SinkMetrics {

	static final Duration TTL = Duration.ofSeconds(10);

	private final MeterRegistry registry;

	private final Clock clock;

	private final ConcurrentMap<String, SinkMeters> sinks = new ConcurrentHashMap<>();

	SinkMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	/**
	 * Registers the sink's meters; {@code backlog} is asked at most every {@link #TTL}.
	 */
	SinkMeters register(ChangeSink sink, Supplier<Backlog> backlog) {
		return this.sinks.computeIfAbsent(sink.name(), (name) -> new SinkMeters(sink, backlog));
	}

	/** Removes the sink's meters (a sink stopped at run time). */
	void remove(String sink) {
		SinkMeters meters = this.sinks.remove(sink);
		if (meters != null) {
			meters.meters.forEach(this.registry::remove);
		}
	}

	/** One sink's meters. */
	final class SinkMeters {

		private final Counter delivered;

		private final Counter failed;

		private final Counter retried;

		private final Supplier<Backlog> backlog;

		private final List<Meter> meters = new ArrayList<>();

		private @Nullable Backlog cached;

		private Instant cachedAt = Instant.MIN;

		private SinkMeters(ChangeSink sink, Supplier<Backlog> backlog) {
			this.backlog = backlog;
			Tags tags = Tags.of("sink", sink.name(), "kind", sink.kind());
			this.delivered = add(Counter.builder("heymirror.changes.sink.delivered")
				.description("Events this replica delivered to the sink (acknowledged)")
				.tags(tags)
				.register(SinkMetrics.this.registry));
			this.failed = add(Counter.builder("heymirror.changes.sink.failed")
				.description("Delivery attempts to the sink that failed in this replica")
				.tags(tags)
				.register(SinkMetrics.this.registry));
			this.retried = add(Counter.builder("heymirror.changes.sink.retried")
				.description("Delivery attempts this replica made after a failed one")
				.tags(tags)
				.register(SinkMetrics.this.registry));
			add(Gauge.builder("heymirror.changes.sink.lag", this, (meters) -> meters.backlog().entries())
				.description("Change log entries the sink has not received yet")
				.tags(tags)
				.register(SinkMetrics.this.registry));
			add(Gauge.builder("heymirror.changes.sink.oldest.age", this, SinkMeters::oldestAge)
				.description("Seconds since the oldest entry the sink has not received was written (0 when none)")
				.baseUnit("seconds")
				.tags(tags)
				.register(SinkMetrics.this.registry));
		}

		private <M extends Meter> M add(M meter) {
			this.meters.add(meter);
			return meter;
		}

		void delivered(int events) {
			this.delivered.increment(events);
		}

		void failed() {
			this.failed.increment();
		}

		void retried() {
			this.retried.increment();
		}

		private synchronized Backlog backlog() {
			Instant now = SinkMetrics.this.clock.instant();
			if (this.cached == null || this.cachedAt.plus(TTL).isBefore(now)) {
				this.cached = this.backlog.get();
				this.cachedAt = now;
			}
			return this.cached;
		}

		private double oldestAge() {
			Instant oldest = backlog().oldest();
			return (oldest != null)
					? Math.max(0, Duration.between(oldest, SinkMetrics.this.clock.instant()).toMillis() / 1000.0) : 0;
		}

	}

}
