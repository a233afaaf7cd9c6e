package io.heymirror.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
 * The sync's meters, all named {@code heymirror.*}, each account's tagged
 * {@code account}. Upstream traffic (requests, retries, 429s, latency) is metered by each
 * account's Heymarket client itself. Counters move when a run ends; gauges read a status
 * kept for a few seconds, so a scrape costs at most a couple of indexed reads per
 * account.
 */
@Component
class SyncMetrics {

	private static final Duration STATUS_TTL = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final MirrorSize mirrorSize;

	private final Clock clock;

	private final Map<String, Cached<SyncStatus>> status = new LinkedHashMap<>();

	SyncMetrics(MeterRegistry registry, SyncControl control, MirrorSize mirrorSize, Clock clock) {
		this.registry = registry;
		this.mirrorSize = mirrorSize;
		this.clock = clock;
		Gauge.builder("heymirror.mirror.size", mirrorSize, MirrorSize::get)
			.description("Live (not deleted) contacts in the mirror, every account")
			.register(registry);
		for (String account : control.accounts()) {
			Cached<SyncStatus> status = new Cached<>(() -> control.status(account), STATUS_TTL, clock);
			this.status.put(account, status);
			registerCounters(account);
			Gauge.builder("heymirror.sync.last.success.age", status, this::lastSuccessAge)
				.description("Seconds since the last successful sync run ended (NaN before the first)")
				.baseUnit("seconds")
				.tag("account", account)
				.register(registry);
			Gauge.builder("heymirror.sync.completeness", status, SyncMetrics::completeness)
				.description("Mirror count / upstream count at the last completeness check (NaN before the first)")
				.tag("account", account)
				.register(registry);
			Gauge.builder("heymirror.sync.running", control, (sync) -> sync.isSyncing(account) ? 1 : 0)
				.description("1 while this replica runs a sync of the account, else 0")
				.tag("account", account)
				.register(registry);
		}
	}

	// registered up front so that rate() sees every series from zero
	private void registerCounters(String account) {
		for (SyncMode mode : SyncMode.values()) {
			for (SyncRun.Outcome outcome : SyncRun.Outcome.values()) {
				if (outcome != SyncRun.Outcome.RUNNING) {
					runs(account, outcome.name(), mode.name());
				}
			}
		}
		for (String change : new String[] { "inserted", "updated", "deleted" }) {
			contacts(account, change);
		}
	}

	@EventListener
	void runFinished(SyncRunFinished event) {
		SyncRun run = event.run();
		String account = run.getAccount();
		runs(account, run.getOutcome(), run.getMode()).increment();
		contacts(account, "inserted").increment(run.getInserted());
		contacts(account, "updated").increment(run.getUpdated());
		contacts(account, "deleted").increment(run.getDeleted());
		Cached<SyncStatus> status = this.status.get(account);
		if (status != null) {
			status.invalidate();
		}
		// a run counts its own account only
		this.mirrorSize.runEnded((this.status.size() == 1) ? run.getMirrorCount() : null);
	}

	private Counter runs(String account, String outcome, String mode) {
		return Counter.builder("heymirror.sync.runs")
			.description("Finished sync runs")
			.tag("outcome", outcome.toLowerCase(Locale.ROOT))
			.tag("mode", mode.toLowerCase(Locale.ROOT))
			.tag("account", account)
			.register(this.registry);
	}

	private Counter contacts(String account, String change) {
		return Counter.builder("heymirror.sync.contacts")
			.description("Contacts changed in the mirror by sync runs")
			.tag("change", change)
			.tag("account", account)
			.register(this.registry);
	}

	private double lastSuccessAge(Cached<SyncStatus> status) {
		Instant last = status.get().lastSuccessAt();
		return (last != null) ? Duration.between(last, this.clock.instant()).toMillis() / 1000.0 : Double.NaN;
	}

	private static double completeness(Cached<SyncStatus> status) {
		SyncStatus current = status.get();
		Long upstream = current.upstreamCount();
		Long mirror = current.mirrorCount();
		if (upstream == null || mirror == null) {
			return Double.NaN;
		}
		return (upstream == 0) ? ((mirror == 0) ? 1.0 : Double.POSITIVE_INFINITY) : (double) mirror / upstream;
	}

}
