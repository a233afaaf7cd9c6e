package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncRunFinished;
import io.heymirror.sync.SyncStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sync's meters, all named {@code heymirror.*}. Upstream traffic (requests, retries,
 * 429s, latency) is metered by the Heymarket client itself. Counters move when a run
 * ends; gauges read a status kept for a few seconds, so a scrape costs at most a couple
 * of indexed reads.
 */
@Component
class SyncMetrics {

	private static final Duration STATUS_TTL = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final MirrorSize mirrorSize;

	private final Clock clock;

	private final Cached<SyncStatus> status;

	SyncMetrics(MeterRegistry registry, SyncControl control, MirrorSize mirrorSize, Clock clock) {
		this.registry = registry;
		this.mirrorSize = mirrorSize;
		this.clock = clock;
		this.status = new Cached<>(control::status, STATUS_TTL, clock);
		registerCounters();
		Gauge.builder("heymirror.sync.last.success.age", this, SyncMetrics::lastSuccessAge)
			.description("Seconds since the last successful sync run ended (NaN before the first)")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("heymirror.mirror.size", mirrorSize, MirrorSize::get)
			.description("Live (not deleted) contacts in the mirror")
			.register(registry);
		Gauge.builder("heymirror.sync.completeness", this, SyncMetrics::completeness)
			.description("Mirror count / upstream count at the last completeness check (NaN before the first)")
			.register(registry);
		Gauge.builder("heymirror.sync.running", control, (sync) -> sync.isSyncing() ? 1 : 0)
			.description("1 while this replica runs a sync, else 0")
			.register(registry);
	}

	// registered up front so that rate() sees every series from zero
	private void registerCounters() {
		for (SyncMode mode : SyncMode.values()) {
			for (SyncRun.Outcome outcome : SyncRun.Outcome.values()) {
				if (outcome != SyncRun.Outcome.RUNNING) {
					runs(outcome.name(), mode.name());
				}
			}
		}
		for (String change : new String[] { "inserted", "updated", "deleted" }) {
			contacts(change);
		}
	}

	@EventListener
	void runFinished(SyncRunFinished event) {
		SyncRun run = event.run();
		runs(run.getOutcome(), run.getMode()).increment();
		contacts("inserted").increment(run.getInserted());
		contacts("updated").increment(run.getUpdated());
		contacts("deleted").increment(run.getDeleted());
		this.status.invalidate();
		this.mirrorSize.runEnded(run.getMirrorCount());
	}

	private Counter runs(String outcome, String mode) {
		return Counter.builder("heymirror.sync.runs")
			.description("Finished sync runs")
			.tag("outcome", outcome.toLowerCase(Locale.ROOT))
			.tag("mode", mode.toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	private Counter contacts(String change) {
		return Counter.builder("heymirror.sync.contacts")
			.description("Contacts changed in the mirror by sync runs")
			.tag("change", change)
			.register(this.registry);
	}

	private double lastSuccessAge() {
		Instant last = this.status.get().lastSuccessAt();
		return (last != null) ? Duration.between(last, this.clock.instant()).toMillis() / 1000.0 : Double.NaN;
	}

	private double completeness() {
		SyncStatus current = this.status.get();
		Long upstream = current.upstreamCount();
		Long mirror = current.mirrorCount();
		if (upstream == null || mirror == null) {
			return Double.NaN;
		}
		return (upstream == 0) ? ((mirror == 0) ? 1.0 : Double.POSITIVE_INFINITY) : (double) mirror / upstream;
	}

}
