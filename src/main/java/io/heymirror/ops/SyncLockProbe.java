package io.heymirror.ops;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether a sync run is alive in any replica. {@code SyncControl} only knows about its
 * own process; the ShedLock row it holds while a run is alive (extended by a keep-alive,
 * released at the end) tells about the others, so a replica does not report the sync as
 * stale while another one is in the middle of a long backfill.
 */
@Component
class SyncLockProbe {

	/** The lock {@code SyncControl} takes for every run. */
	static final String LOCK_NAME = "heymirror-sync";

	// ShedLock with usingDbTime() writes lock_until in UTC database time
	private static final String HELD = """
			SELECT EXISTS (SELECT 1 FROM shedlock
			WHERE name = ? AND lock_until > timezone('utc', CURRENT_TIMESTAMP))""";

	private final JdbcTemplate jdbc;

	SyncLockProbe(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	boolean isHeld() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(HELD, Boolean.class, LOCK_NAME));
	}

}
