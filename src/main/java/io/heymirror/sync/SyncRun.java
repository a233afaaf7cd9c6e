package io.heymirror.sync;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** One recorded sync run: what it did, what its checks found, how it ended. */
@Entity
@Table(name = "sync_run")
public class SyncRun {

	/** How a run ended. */
	public enum Outcome {

		RUNNING, SUCCEEDED, FAILED, INTERRUPTED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	private String account;

	private String mode;

	private String strategy;

	@Column(name = "trigger")
	private String trigger;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "ended_at")
	private @Nullable Instant endedAt;

	private String outcome;

	private int pages;

	private int requests;

	private int retries;

	private int throttled;

	private int seen;

	private int inserted;

	private int updated;

	private int deleted;

	private int skipped;

	@Column(name = "mirror_count")
	private @Nullable Long mirrorCount;

	@Column(name = "upstream_count")
	private @Nullable Long upstreamCount;

	private @Nullable Instant watermark;

	@Column(name = "window_after")
	private @Nullable Instant windowAfter;

	@Column(name = "window_up_to")
	private @Nullable Instant windowUpTo;

	@Column(name = "window_upstream")
	private @Nullable Long windowUpstream;

	@Column(name = "window_mirror")
	private @Nullable Long windowMirror;

	@Column(name = "future_dated")
	private int futureDated;

	private @Nullable String error;

	protected SyncRun() {
		this.account = "";
		this.mode = "";
		this.strategy = "";
		this.trigger = "";
		this.startedAt = Instant.EPOCH;
		this.outcome = Outcome.RUNNING.name();
	}

	SyncRun(String account, SyncMode mode, String strategy, String trigger, Instant startedAt) {
		this.account = account;
		this.mode = mode.name();
		this.strategy = strategy;
		this.trigger = trigger;
		this.startedAt = startedAt;
		this.outcome = Outcome.RUNNING.name();
	}

	void finish(Outcome outcome, Instant endedAt, RunCounters counters, Checked checked, int futureDated,
			@Nullable Instant watermark, @Nullable String error) {
		this.outcome = outcome.name();
		this.endedAt = endedAt;
		record(counters);
		this.mirrorCount = checked.mirrorCount();
		this.upstreamCount = checked.upstreamCount();
		WindowCount window = checked.window();
		if (window != null) {
			this.windowAfter = window.window().after();
			this.windowUpTo = window.window().upTo();
			this.windowUpstream = window.upstream();
			this.windowMirror = window.mirror();
		}
		this.futureDated = futureDated;
		this.watermark = watermark;
		this.error = error;
	}

	void record(RunCounters counters) {
		this.pages = counters.pages();
		this.requests = counters.requests();
		this.retries = counters.retries();
		this.throttled = counters.throttled();
		this.seen = counters.seen();
		this.inserted = counters.inserted();
		this.updated = counters.updated();
		this.deleted = counters.deleted();
		this.skipped = counters.skipped();
	}

	public @Nullable Long getId() {
		return this.id;
	}

	/** The Heymarket account the run synced. */
	public String getAccount() {
		return this.account;
	}

	public String getMode() {
		return this.mode;
	}

	public String getStrategy() {
		return this.strategy;
	}

	public String getTrigger() {
		return this.trigger;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public @Nullable Instant getEndedAt() {
		return this.endedAt;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public int getPages() {
		return this.pages;
	}

	public int getRequests() {
		return this.requests;
	}

	public int getRetries() {
		return this.retries;
	}

	public int getThrottled() {
		return this.throttled;
	}

	public int getSeen() {
		return this.seen;
	}

	public int getInserted() {
		return this.inserted;
	}

	public int getUpdated() {
		return this.updated;
	}

	public int getDeleted() {
		return this.deleted;
	}

	public int getSkipped() {
		return this.skipped;
	}

	public @Nullable Long getMirrorCount() {
		return this.mirrorCount;
	}

	public @Nullable Long getUpstreamCount() {
		return this.upstreamCount;
	}

	public @Nullable Instant getWatermark() {
		return this.watermark;
	}

	/**
	 * Lower bound of the freshness window checked (excluded); null from the beginning.
	 */
	public @Nullable Instant getWindowAfter() {
		return this.windowAfter;
	}

	/** Upper bound of the freshness window checked (included). */
	public @Nullable Instant getWindowUpTo() {
		return this.windowUpTo;
	}

	/** Upstream's count of contacts updated in the freshness window. */
	public @Nullable Long getWindowUpstream() {
		return this.windowUpstream;
	}

	/** The mirror's count of live contacts updated in the freshness window. */
	public @Nullable Long getWindowMirror() {
		return this.windowMirror;
	}

	/** Contacts dated too far in the future to move the checkpoint. */
	public int getFutureDated() {
		return this.futureDated;
	}

	public @Nullable String getError() {
		return this.error;
	}

	/**
	 * What a run's checks counted.
	 *
	 * @param mirrorCount the mirror's count of everything up to the checked window's end
	 * @param upstreamCount upstream's count of the same
	 * @param window the freshness window and its counts
	 */
	record Checked(@Nullable Long mirrorCount, @Nullable Long upstreamCount, @Nullable WindowCount window) {
	}

}
