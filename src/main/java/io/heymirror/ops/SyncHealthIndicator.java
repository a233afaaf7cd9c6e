package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;

import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncProperties;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code sync} health component (see {@link SyncAssessment} for the rules). It is
 * part of the overall health, for alerting, and deliberately not of the readiness group:
 * a replica busy with a long first backfill still serves the mirror it has.
 */
@Component
class SyncHealthIndicator implements HealthIndicator {

	private final SyncControl control;

	private final SyncProperties properties;

	private final Clock clock;

	SyncHealthIndicator(SyncControl control, SyncProperties properties, Clock clock) {
		this.control = control;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Health health() {
		SyncStatus status = this.control.status();
		SyncAssessment assessment = SyncAssessment.of(status, status.enabled(), this.control.isSyncingAnywhere(),
				this.properties.effectiveStaleAfter(), this.clock.instant());
		return health(status, assessment);
	}

	static Health health(SyncStatus status, SyncAssessment assessment) {
		Health.Builder health = Health.status(assessment.status())
			.withDetail("scheduled", assessment.scheduled())
			.withDetail("running", assessment.running())
			.withDetail("fresh", assessment.fresh())
			.withDetail("complete", assessment.complete())
			.withDetail("staleAfter", assessment.staleAfter().toString());
		if (!assessment.scheduled()) {
			health.withDetail("reason", "scheduled sync is off in this replica (heymirror.sync.enabled=false)");
		}
		SyncStatus.RunProgress progress = status.progress();
		if (progress != null) {
			health.withDetail("currentRunId", progress.runId());
			health.withDetail("currentRunSeen", progress.counters().seen());
		}
		detail(health, "watermark", status.watermark());
		detail(health, "lastSuccessAt", status.lastSuccessAt());
		detail(health, "mirrorCount", status.mirrorCount());
		detail(health, "upstreamCount", status.upstreamCount());
		detail(health, "countedAt", status.countedAt());
		detail(health, "failedWindow", (status.failedWindow() != null) ? status.failedWindow().toString() : null);
		SyncRun last = status.lastRun();
		if (last != null) {
			detail(health, "lastRunId", last.getId());
			health.withDetail("lastRunOutcome", last.getOutcome());
			detail(health, "lastRunEndedAt", last.getEndedAt());
		}
		return health.build();
	}

	private static void detail(Health.Builder health, String name, @Nullable Object value) {
		if (value != null) {
			health.withDetail(name, (value instanceof Instant instant) ? instant.toString() : value);
		}
	}

}
