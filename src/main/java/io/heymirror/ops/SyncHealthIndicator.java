package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncProperties;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code sync} health component: each account's verdict (see {@link SyncAssessment}
 * for the rules), DOWN when any account is. It is part of the overall health, for
 * alerting, and deliberately not of the readiness group: a replica busy with a long first
 * backfill still serves the mirror it has.
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

	/**
	 * DOWN when any account is, naming them in {@code down}; UNKNOWN when scheduled runs
	 * are off here; UP otherwise. Each account's own verdict and details are under
	 * {@code accounts}.
	 */
	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Map<String, Object> accounts = new LinkedHashMap<>();
		List<String> down = new ArrayList<>();
		boolean scheduled = this.properties.enabled();
		for (String account : this.control.accounts()) {
			SyncStatus status = this.control.status(account);
			SyncAssessment assessment = SyncAssessment.of(status, status.enabled(),
					this.control.isSyncingAnywhere(account), this.control.properties(account).effectiveStaleAfter(),
					now);
			Health health = health(status, assessment);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", health.getStatus().getCode());
			details.putAll(health.getDetails());
			accounts.put(account, details);
			if (Status.DOWN.equals(health.getStatus())) {
				down.add(account);
			}
		}
		Health.Builder health = Health.status(!down.isEmpty() ? Status.DOWN : scheduled ? Status.UP : Status.UNKNOWN);
		if (!down.isEmpty()) {
			health.withDetail("down", down);
		}
		return health.withDetail("accounts", accounts).build();
	}

	/** One account's verdict and details. */
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
