package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.heymirror.changes.ChangeLogStats;
import io.heymirror.delivery.Deliveries;
import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncMode;
import io.heymirror.sync.SyncProperties;
import io.heymirror.sync.SyncRun;
import io.heymirror.sync.SyncStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /actuator/sync}: read the sync's state, its recent runs and the change sinks
 * (the dashboard's data); {@code POST} starts a run ({@code {}} incremental,
 * {@code {"mode": "full"}} a full re-sync). A run asked for while one is alive in any
 * replica is refused with 409, never queued. Refusals are problem details, as every error
 * of the service is.
 */
@Component
@Endpoint(id = "sync")
class SyncEndpoint {

	static final int DEFAULT_RUNS = 20;

	static final int MAX_RUNS = 200;

	private static final Logger log = LoggerFactory.getLogger(SyncEndpoint.class);

	private final SyncControl control;

	private final MirrorSize mirrorSize;

	private final SyncProperties properties;

	private final ChangeLogStats changes;

	private final Deliveries deliveries;

	private final Clock clock;

	SyncEndpoint(SyncControl control, MirrorSize mirrorSize, SyncProperties properties, ChangeLogStats changes,
			Deliveries deliveries, Clock clock) {
		this.control = control;
		this.mirrorSize = mirrorSize;
		this.properties = properties;
		this.changes = changes;
		this.deliveries = deliveries;
		this.clock = clock;
	}

	/**
	 * The sync's state and its recent runs.
	 * @param limit how many runs, newest first (default 20, at most 200)
	 */
	@ReadOperation
	public SyncOverview overview(@Nullable Integer limit) {
		int runs = (limit != null) ? Math.clamp(limit, 1, MAX_RUNS) : DEFAULT_RUNS;
		Instant now = this.clock.instant();
		SyncStatus status = this.control.status();
		SyncAssessment assessment = SyncAssessment.of(status, status.enabled(), this.control.isSyncingAnywhere(),
				this.properties.effectiveStaleAfter(), now);
		List<SyncRun> recent = this.control.recentRuns(runs);
		return SyncOverview.of(now, status, assessment, this.mirrorSize.get(), recent,
				this.changes.byRun(recent.stream().map(SyncRun::getId).toList()),
				this.deliveries.statuses().stream().map(SinkView::of).toList());
	}

	/**
	 * Starts a run in the background.
	 * @param mode {@code incremental} (the default) or {@code full}
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> start(@Nullable String mode) {
		SyncMode syncMode = parse(mode);
		if (syncMode == null) {
			// answered as a 400 problem, like every other error
			throw new InvalidEndpointRequestException("Unknown sync mode", "'mode' must be incremental or full.");
		}
		String label = syncMode.name().toLowerCase(Locale.ROOT);
		if (!this.control.start(syncMode, "manual")) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"A sync run is already in progress; nothing was started.");
		}
		log.info("Sync run ({}) started on request", label);
		return new WebEndpointResponse<>(Map.of("started", true, "mode", label), 202);
	}

	private static @Nullable SyncMode parse(@Nullable String mode) {
		if (mode == null || mode.isBlank()) {
			return SyncMode.INCREMENTAL;
		}
		return switch (mode.trim().toLowerCase(Locale.ROOT)) {
			case "incremental" -> SyncMode.INCREMENTAL;
			case "full" -> SyncMode.FULL;
			default -> null;
		};
	}

}
