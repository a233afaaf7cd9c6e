package io.heymirror.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

import io.heymirror.simulator.HeymarketSimulator;
import io.heymirror.support.MutableClock;
import org.jspecify.annotations.Nullable;

/**
 * Incremental runs of the real walk and checks against the simulator in-process and a
 * mirror in memory: what {@link SyncRunner} does, without Spring, PostgreSQL or HTTP.
 */
final class InMemorySync {

	private final SimulatedUpstream upstream;

	private final MemoryMirror mirror;

	private final SyncProperties properties;

	private final MutableClock clock;

	private @Nullable Window failed;

	private ContactWalk.@Nullable Result walked;

	InMemorySync(HeymarketSimulator simulator, MutableClock clock, SyncProperties properties) {
		this.upstream = new SimulatedUpstream(simulator, clock);
		this.mirror = new MemoryMirror(clock);
		this.properties = properties;
		this.clock = clock;
	}

	/** One incremental run; returns what its checks found. */
	Verification.Findings run() {
		Tally tally = new Tally(this.upstream::stats);
		Boundary watermark = this.mirror.watermark();
		Boundary from = Verification.walkStart(watermark, this.clock.instant(), this.properties.countSettle());
		ContactWalk.Result walked = walk(from);
		this.walked = walked;
		int digits = Math.max(walked.digits(), (watermark != null) ? watermark.digits() : 0);
		Pause pause = this.clock::advance;
		Verification.Findings findings = new Verification(this.upstream, this.mirror, this.mirror, this.properties,
				walked.learned().caps(), digits, tally, pause, () -> false, () -> walk(this.mirror.watermark()).ties())
			.verify(walked, from, watermark, this.failed);
		this.failed = findings.failedWindow();
		findings.failedTies()
			.stream()
			.map(Verification.FailedTie::tie)
			.min(Comparator.naturalOrder())
			.ifPresent((tie) -> this.mirror.rewind(new Boundary(tie.at().minus(tie.tick()), tie.digits())));
		WindowCheck.Checked freshness = findings.freshness();
		if (freshness != null && freshness != findings.totals() && freshness.wasShort()) {
			this.mirror.forgetCaps();
		}
		return findings;
	}

	/** A walk from {@code from} to the end. */
	private ContactWalk.Result walk(@Nullable Boundary from) {
		Set<Long> idsAtFrom = (from != null) ? this.mirror.liveIdsAt(from.at()) : Set.of();
		Instant ceiling = this.clock.instant().plus(this.properties.maxClockSkew());
		return new ContactWalk(this.upstream, this.properties, this.mirror.learned(), this.mirror, () -> false, ceiling)
			.walk(from, idsAtFrom);
	}

	/** What the last run's walk found. */
	ContactWalk.Result walked() {
		ContactWalk.Result result = this.walked;
		if (result == null) {
			throw new IllegalStateException("No run yet");
		}
		return result;
	}

	MemoryMirror mirror() {
		return this.mirror;
	}

	long requests() {
		return this.upstream.requests();
	}

	static SyncProperties properties(SyncProperties.Strategy strategy) {
		return properties(strategy, 300);
	}

	static SyncProperties properties(SyncProperties.Strategy strategy, int repairWindow) {
		return new SyncProperties(false, Duration.ofMinutes(5), strategy, Duration.ofDays(1), null, 100, 100_000,
				repairWindow, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(10),
				Duration.ofMinutes(5), 4);
	}

}
