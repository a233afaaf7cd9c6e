package io.heymirror.ops;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.heymirror.sync.SyncControl;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Puts the shared test database into the states the ops tests need: the sync's state row,
 * run history, contacts and the sync lock, written as the sync itself would.
 */
final class OpsFixtures {

	private final JdbcTemplate jdbc;

	OpsFixtures(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Empty history, no contacts, no lock, a sync state that has never run. */
	void reset() {
		this.jdbc.update("TRUNCATE contact, sync_run, contact_change");
		lockReleased();
		this.jdbc.update("DELETE FROM sync_state");
	}

	/** The state a finished run of {@code default} leaves behind. */
	void synced(Instant lastSuccessAt, long upstreamCount, long mirrorCount, Instant watermark) {
		synced("default", lastSuccessAt, upstreamCount, mirrorCount, watermark);
	}

	/** The state a finished run of the account leaves behind. */
	void synced(String account, Instant lastSuccessAt, long upstreamCount, long mirrorCount, Instant watermark) {
		this.jdbc.update("""
				INSERT INTO sync_state (account, watermark, watermark_text, last_success_at, upstream_count,
				                        mirror_count, counted_at) VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (account) DO UPDATE SET watermark = excluded.watermark,
				    watermark_text = excluded.watermark_text, last_success_at = excluded.last_success_at,
				    upstream_count = excluded.upstream_count, mirror_count = excluded.mirror_count,
				    counted_at = excluded.counted_at""", account, ts(watermark), watermark.toString(),
				ts(lastSuccessAt), upstreamCount, mirrorCount, ts(lastSuccessAt));
	}

	/** A finished run of {@code default}. */
	long run(Run run) {
		return run("default", run);
	}

	/** A finished run of the account. */
	long run(String account, Run run) {
		Long id = this.jdbc.queryForObject("""
				INSERT INTO sync_run (account, mode, strategy, trigger, started_at, ended_at, outcome, pages, requests,
				retries, throttled, seen, inserted, updated, deleted, mirror_count, upstream_count, watermark, error)
				VALUES (?, ?, 'v1-cursor', 'schedule', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
				Long.class, account, run.mode(), ts(run.startedAt()), ts(run.endedAt()), run.outcome(), run.pages(),
				run.requests(), run.throttled(), run.seen(), run.inserted(), run.updated(), run.deleted(),
				run.mirrorCount(), run.upstreamCount(), ts(run.watermark()), run.error());
		return (id != null) ? id : 0;
	}

	void contact(long id, Instant updated, @Nullable Instant deletedAt) {
		this.jdbc.update("""
				INSERT INTO contact (account, id, updated, raw, synced_at, seen_at, deleted_at)
				VALUES ('default', ?, ?, '{}'::jsonb, ?, ?, ?)""", id, ts(updated), ts(updated), ts(updated),
				ts(deletedAt));
	}

	/** {@code count} change log entries of one operation appended by a run. */
	void changes(long runId, String operation, int count) {
		this.jdbc.update("""
				INSERT INTO contact_change (account, contact_id, version, operation, data, updated, cause, run_id)
				SELECT 'default', n, 1, ?, '{}', now(), 'walk', ? FROM generate_series(1, ?) AS n""", operation, runId,
				count);
	}

	/** Another replica holds the sync lock, as it does while its run is alive. */
	void lockHeldElsewhere() {
		this.jdbc.update("""
				INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
				VALUES (?, timezone('utc', CURRENT_TIMESTAMP) + interval '10 minutes',
				timezone('utc', CURRENT_TIMESTAMP), 'another-replica')
				ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until, locked_by = EXCLUDED.locked_by""",
				SyncControl.LOCK_NAME);
	}

	/**
	 * Released the way ShedLock releases it: the row stays, its lock_until now. ShedLock
	 * remembers that the row exists and from then on only updates it, so a deleted row
	 * would keep every later lock attempt of this context failing; it is put back here if
	 * another test deleted it.
	 */
	void lockReleased() {
		this.jdbc.update("""
				INSERT INTO shedlock (name, lock_until, locked_at, locked_by)
				VALUES (?, timezone('utc', CURRENT_TIMESTAMP), timezone('utc', CURRENT_TIMESTAMP), 'ops-tests')
				ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until""", SyncControl.LOCK_NAME);
	}

	private static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/** A finished run as {@code sync_run} records it. */
	record Run(String mode, String outcome, Instant startedAt, @Nullable Instant endedAt, int pages, int requests,
			int throttled, int seen, int inserted, int updated, int deleted, @Nullable Long mirrorCount,
			@Nullable Long upstreamCount, @Nullable Instant watermark, @Nullable String error) {

		static Run succeeded(Instant startedAt, int inserted, int updated, int deleted, long mirrorCount) {
			return new Run("INCREMENTAL", "SUCCEEDED", startedAt, startedAt.plusSeconds(20), 2, 3, 0,
					inserted + updated, inserted, updated, deleted, mirrorCount, mirrorCount,
					startedAt.minusSeconds(60), null);
		}

	}

}
