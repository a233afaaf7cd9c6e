package io.heymirror.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads and writes an account's {@code sync_state} row, always with {@link JdbcClient}
 * and named parameters: the checkpoint is written once per page, in the page's
 * transaction, as one UPDATE that only ever moves it forward; the other writes are as
 * small. Callers provide the transaction.
 */
@Component
class SyncStateStore {

	private static final String SELECT = """
			SELECT watermark_text, direction, v1_page_max, v2_page_max, scan_started_at, scan_cursor_text,
			       last_success_at, last_reconciled_at, upstream_count, mirror_count, counted_at, failed_after,
			       failed_up_to
			FROM sync_state WHERE account = :account""";

	// whole microseconds compare as the column stores them: a later boundary in the same
	// microsecond still moves the text on
	private static final String ADVANCE = """
			UPDATE sync_state SET
			    watermark_text = CASE WHEN :at::timestamptz >= coalesce(watermark, '-infinity')
			        THEN :text ELSE watermark_text END,
			    watermark = greatest(watermark, :at::timestamptz),
			    scan_cursor_text = CASE WHEN :scan AND :at::timestamptz >= coalesce(scan_cursor, '-infinity')
			        THEN :text ELSE scan_cursor_text END,
			    scan_cursor = CASE WHEN :scan THEN greatest(scan_cursor, :at::timestamptz) ELSE scan_cursor END,
			    direction = coalesce(:direction, direction),
			    v1_page_max = greatest(v1_page_max, :v1),
			    v2_page_max = greatest(v2_page_max, :v2),
			    updated_at = :now
			WHERE account = :account""";

	private final JdbcClient jdbc;

	SyncStateStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The account's state; that of an account which never ran when it has no row yet. */
	SyncState load(String account) {
		return this.jdbc.sql(SELECT)
			.param("account", account)
			.query(SyncStateStore::state)
			.optional()
			.orElse(SyncState.NEVER_RAN);
	}

	/**
	 * Creates the account's row if it has none: a run does before it writes the state.
	 */
	void create(String account) {
		this.jdbc.sql("INSERT INTO sync_state (account) VALUES (:account) ON CONFLICT DO NOTHING")
			.param("account", account)
			.update();
	}

	/**
	 * Moves the watermark (and a scan's cursor) forward to where a batch reached, and
	 * keeps what the walk learned; in the batch's transaction.
	 */
	void advance(String account, Batch batch, boolean scan, Instant now) {
		Boundary reached = batch.reached();
		this.jdbc.sql(ADVANCE)
			.param("account", account)
			.param("at", (reached != null) ? timestamp(reached.at()) : null)
			.param("text", (reached != null) ? reached.text() : null)
			.param("scan", scan)
			.param("direction", (batch.direction() != null) ? batch.direction().name() : null)
			.param("v1", batch.caps().v1())
			.param("v2", batch.caps().v2())
			.param("now", timestamp(now))
			.update();
	}

	/** Moves the watermark back to just below a tie that could not be verified. */
	void rewind(String account, Boundary below, Instant now) {
		this.jdbc.sql("""
				UPDATE sync_state SET watermark = :at, watermark_text = :text, updated_at = :now
				WHERE account = :account AND (watermark IS NULL OR watermark > :at)""")
			.param("account", account)
			.param("at", timestamp(below.at()))
			.param("text", below.text())
			.param("now", timestamp(now))
			.update();
	}

	void startScan(String account, Instant now) {
		update(account, "scan_started_at = :now, scan_cursor = NULL, scan_cursor_text = NULL", now);
	}

	void finishScan(String account, Instant now) {
		update(account,
				"scan_started_at = NULL, scan_cursor = NULL, scan_cursor_text = NULL, last_reconciled_at = :now", now);
	}

	void succeeded(String account, Instant now) {
		update(account, "last_success_at = :now", now);
	}

	/** Records the completeness check's counts and the window still failing, if any. */
	void checked(String account, long upstream, long mirror, @Nullable Window failed, Instant now) {
		this.jdbc.sql("""
				UPDATE sync_state SET upstream_count = :upstream, mirror_count = :mirror, counted_at = :now,
				    failed_after = :after, failed_up_to = :upTo, updated_at = :now
				WHERE account = :account""")
			.param("account", account)
			.param("upstream", upstream)
			.param("mirror", mirror)
			.param("after", (failed != null && failed.after() != null) ? timestamp(failed.after()) : null)
			.param("upTo", (failed != null) ? timestamp(failed.upTo()) : null)
			.param("now", timestamp(now))
			.update();
	}

	/** Keeps a window that failed before the counts could be recorded. */
	void failed(String account, Window window, Instant now) {
		this.jdbc
			.sql("UPDATE sync_state SET failed_after = :after, failed_up_to = :upTo, updated_at = :now "
					+ "WHERE account = :account")
			.param("account", account)
			.param("after", (window.after() != null) ? timestamp(window.after()) : null)
			.param("upTo", timestamp(window.upTo()))
			.param("now", timestamp(now))
			.update();
	}

	/** Forgets the learned page caps, so that a cap upstream lowered is learned again. */
	void forgetCaps(String account, Instant now) {
		update(account, "v1_page_max = 0, v2_page_max = 0", now);
	}

	private void update(String account, String assignments, Instant now) {
		this.jdbc.sql("UPDATE sync_state SET " + assignments + ", updated_at = :now WHERE account = :account")
			.param("account", account)
			.param("now", timestamp(now))
			.update();
	}

	private static SyncState state(ResultSet row, int number) throws SQLException {
		Instant failedUpTo = instant(row, "failed_up_to");
		String direction = row.getString("direction");
		return new SyncState(Boundary.parse(row.getString("watermark_text")),
				(direction != null) ? Direction.valueOf(direction) : null,
				new PageCaps(row.getInt("v1_page_max"), row.getInt("v2_page_max")), instant(row, "scan_started_at"),
				Boundary.parse(row.getString("scan_cursor_text")), instant(row, "last_success_at"),
				instant(row, "last_reconciled_at"), (Long) row.getObject("upstream_count", Long.class),
				(Long) row.getObject("mirror_count", Long.class), instant(row, "counted_at"),
				(failedUpTo != null) ? new Window(instant(row, "failed_after"), failedUpTo) : null);
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return Window.micros(instant).atOffset(ZoneOffset.UTC);
	}

}
