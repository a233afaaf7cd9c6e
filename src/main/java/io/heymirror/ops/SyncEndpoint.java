package io.heymirror.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.heymirror.changes.ChangeLogStats;
import io.heymirror.changes.ChangeLogStats.RunChanges;
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
 * {@code /actuator/sync}: read an account's sync state, its recent runs and the change
 * sinks (the dashboard's data); {@code POST} starts runs ({@code {}} incremental,
 * {@code {"mode": "full"}} a full re-sync) of one account ({@code "account"}) or of every
 * idle one. A run asked for while its account is running in any replica is not started,
 * never queued. Refusals are problem details, as every error of the service is.
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
	 * An account's sync state and its recent runs, and those of every account.
	 * @param limit how many runs of each account, newest first (default 20, at most 200)
	 * @param account the account (default: {@code default}, else the first)
	 */
	@ReadOperation
	public SyncOverview overview(@Nullable Integer limit, @Nullable String account) {
		int runs = (limit != null) ? Math.clamp(limit, 1, MAX_RUNS) : DEFAULT_RUNS;
		String shown = account(account);
		Instant now = this.clock.instant();
		Map<String, List<SyncRun>> recent = new LinkedHashMap<>();
		for (String name : this.control.accounts()) {
			recent.put(name, this.control.recentRuns(name, runs));
		}
		Map<Long, RunChanges> changes = this.changes
			.byRun(recent.values().stream().flatMap(List::stream).map(SyncRun::getId).toList());
		List<SyncOverview.AccountSync> byAccount = new ArrayList<>();
		recent.forEach((name, accountRuns) -> {
			SyncStatus status = this.control.status(name);
			SyncAssessment assessment = SyncAssessment.of(status, status.enabled(),
					this.control.isSyncingAnywhere(name), this.control.properties(name).effectiveStaleAfter(), now);
			byAccount.add(SyncOverview.AccountSync.of(status, assessment, accountRuns, changes));
		});
		return SyncOverview.of(shown, now, byAccount, this.mirrorSize.get(),
				this.deliveries.statuses().stream().map(SinkView::of).toList());
	}

	/**
	 * Starts runs in the background: of the account named, or of every idle account.
	 * @param mode {@code incremental} (the default) or {@code full}
	 * @param account the account to run (default: every idle account)
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> start(@Nullable String mode, @Nullable String account) {
		SyncMode syncMode = parse(mode);
		if (syncMode == null) {
			// answered as a 400 problem, like every other error
			throw new InvalidEndpointRequestException("Unknown sync mode", "'mode' must be incremental or full.");
		}
		String label = syncMode.name().toLowerCase(Locale.ROOT);
		List<String> asked = (account != null) ? List.of(known(account)) : this.control.accounts();
		Map<SyncControl.Start, List<String>> outcomes = new EnumMap<>(SyncControl.Start.class);
		for (String name : asked) {
			outcomes.computeIfAbsent(this.control.start(name, syncMode, "manual"), (start) -> new ArrayList<>())
				.add(name);
		}
		List<String> started = outcomes.getOrDefault(SyncControl.Start.STARTED, List.of());
		if (account != null && started.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					outcomes.containsKey(SyncControl.Start.NO_SLOT)
							? "This replica already runs heymirror.sync.max-concurrent-accounts runs; nothing was "
									+ "started."
							: "A sync run of account " + account + " is already in progress; nothing was started.");
		}
		log.info("Sync runs ({}) started on request: {}", label, started);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("started", started);
		body.put("running", outcomes.getOrDefault(SyncControl.Start.RUNNING, List.of()));
		body.put("noFreeRun", outcomes.getOrDefault(SyncControl.Start.NO_SLOT, List.of()));
		body.put("mode", label);
		return new WebEndpointResponse<>(body, 202);
	}

	private String account(@Nullable String account) {
		if (account != null) {
			return known(account);
		}
		return this.control.firstAccount();
	}

	private String known(String account) {
		if (!this.control.accounts().contains(account)) {
			throw new InvalidEndpointRequestException("Unknown account",
					"'account' must be one of " + String.join(", ", this.control.accounts()) + ".");
		}
		return account;
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
