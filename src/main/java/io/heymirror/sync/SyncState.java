package io.heymirror.sync;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * Where the sync resumes from: one row whose size does not depend on the data. Written in
 * the same transaction as the contacts it covers (design.md rule 2).
 */
@Entity
@Table(name = "sync_state")
class SyncState {

	static final short ID = 1;

	@Id
	private short id = ID;

	private @Nullable Instant watermark;

	@Column(name = "watermark_text")
	private @Nullable String watermarkText;

	private @Nullable String direction;

	@Column(name = "scan_started_at")
	private @Nullable Instant scanStartedAt;

	@Column(name = "scan_cursor")
	private @Nullable Instant scanCursor;

	@Column(name = "scan_cursor_text")
	private @Nullable String scanCursorText;

	@Column(name = "last_success_at")
	private @Nullable Instant lastSuccessAt;

	@Column(name = "last_reconciled_at")
	private @Nullable Instant lastReconciledAt;

	@Column(name = "upstream_count")
	private @Nullable Long upstreamCount;

	@Column(name = "mirror_count")
	private @Nullable Long mirrorCount;

	@Column(name = "counted_at")
	private @Nullable Instant countedAt;

	@Column(name = "updated_at")
	private Instant updatedAt = Instant.EPOCH;

	protected SyncState() {
	}

	@Nullable Boundary watermark() {
		return (this.watermark != null && this.watermarkText != null) ? Boundary.of(this.watermark, this.watermarkText)
				: null;
	}

	@Nullable Boundary scanCursor() {
		return (this.scanCursor != null && this.scanCursorText != null)
				? Boundary.of(this.scanCursor, this.scanCursorText) : null;
	}

	@Nullable Instant scanStartedAt() {
		return this.scanStartedAt;
	}

	void startScan(Instant now) {
		this.scanStartedAt = now;
		this.scanCursor = null;
		this.scanCursorText = null;
		this.updatedAt = now;
	}

	void finishScan(Instant now) {
		this.scanStartedAt = null;
		this.scanCursor = null;
		this.scanCursorText = null;
		this.lastReconciledAt = now;
		this.updatedAt = now;
	}

	@Nullable String direction() {
		return this.direction;
	}

	void counted(long upstream, long mirror, Instant now) {
		this.upstreamCount = upstream;
		this.mirrorCount = mirror;
		this.countedAt = now;
		this.updatedAt = now;
	}

	void succeeded(Instant now) {
		this.lastSuccessAt = now;
		this.updatedAt = now;
	}

	@Nullable Instant lastSuccessAt() {
		return this.lastSuccessAt;
	}

	@Nullable Instant lastReconciledAt() {
		return this.lastReconciledAt;
	}

	@Nullable Long upstreamCount() {
		return this.upstreamCount;
	}

	@Nullable Long mirrorCount() {
		return this.mirrorCount;
	}

	@Nullable Instant countedAt() {
		return this.countedAt;
	}

	@Nullable Instant watermarkInstant() {
		return this.watermark;
	}

}
